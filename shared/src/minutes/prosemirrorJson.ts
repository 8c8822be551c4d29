/** The JSON form of a ProseMirror node, as TipTap's `editor.getJSON()` gives it. */
export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
}

export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export const text = (value: string, marks?: PMMark[]): PMNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
export const paragraph = (...content: PMNode[]): PMNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
export const heading = (level: 1 | 2 | 3, value: string): PMNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
export const bulletList = (items: PMNode[][]): PMNode => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content })),
});
export const taskList = (items: { checked: boolean; content: PMNode[] }[]): PMNode => ({
  type: 'taskList',
  content: items.map(({ checked, content }) => ({ type: 'taskItem', attrs: { checked }, content })),
});
export const link = (href: string, label: string): PMNode =>
  text(label, [{ type: 'link', attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }]);

/** Paragraphs for a multi-line user text; blank lines separate paragraphs. */
export function paragraphsOf(value: string): PMNode[] {
  return value
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => paragraph(text(block)));
}
