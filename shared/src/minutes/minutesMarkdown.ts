/**
 * Minutes as CommonMark with the GFM extensions people expect (task lists, strikethrough). User
 * text is escaped so that whatever was typed reads back literally in any Markdown renderer.
 */
import { maxOf } from './arrays.js';
import { prepareDocument } from './documentLimits.js';
import type { MinutesRecord } from './minutesRecord.js';
import {
  CLOSING_LINE,
  EMPTY_MINUTES,
  EXPORT_HEADINGS,
  NONE_RECORDED,
  TRUNCATION_NOTE,
  actionItemDetails,
  headerFields,
  minutesBody,
  oneLine,
  preparationLabel,
  timeSplitLine,
} from './minutesCommon.js';
import type { PMNode } from './prosemirrorJson.js';
import {
  ITEM_TYPES,
  LIST_TYPES,
  childrenOf,
  codeLanguage,
  hasInlineContent,
  headingLevel,
  inlineTokens,
  isChecked,
  listStart,
  safeHref,
  type DocumentRenderOptions,
  type InlineMark,
} from './pmInline.js';

/**
 * Plain text made literal. Characters that start inline syntax are escaped everywhere (`_` only
 * where it could emphasise, i.e. not inside a word), the ones that start blocks only at a line start.
 */
export function escapeMarkdown(value: string, options: { lineStart?: boolean; heading?: boolean } = {}): string {
  let text = value
    .replace(/[\\`*[\]<~|]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/_/g, (underscore, at: number, all: string) =>
      /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '') ? underscore : '\\_',
    );
  // A trailing "#" would be taken for a closing sequence.
  if (options.heading) text = text.replace(/#/g, '\\#');
  if (options.lineStart) {
    // Leading spaces would make an indented code block or vanish anyway.
    text = text.replace(/^[ \t]+/, '');
    text = /^[#>+=-]/.test(text) ? `\\${text}` : text.replace(/^(\d+)([.)])/, '$1\\$2');
  }
  return text;
}

/**
 * The longest run of backticks in `text`. Counted with `maxOf`: `Math.max(...runs)` throws once a
 * code span holds some 100,000 runs.
 */
function longestBacktickRun(text: string): number {
  return maxOf((text.match(/`+/g) ?? []).map((run) => run.length));
}

/** A code span whose fence is longer than any backtick run inside it. */
function codeSpan(code: string): string {
  const text = code.replace(/\n/g, ' ');
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(text) || (/^ .* $/.test(text) && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function htmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function linkDestination(href: string): string {
  return href.replace(/[\s<>]/g, (c) => encodeURIComponent(c)).replace(/[()\\]/g, '\\$&');
}

/**
 * One character per mark, and a mark is open at most once: so two delimiters never touch to form
 * one CommonMark run, and the "rule of 3" never applies.
 */
const DELIMITERS: Record<InlineMark['type'], string> = { link: '[', bold: '**', italic: '_', strike: '~~' };
const HTML_TAGS: Record<InlineMark['type'], string> = { link: 'a', bold: 'strong', italic: 'em', strike: 'del' };

type Piece =
  | { kind: 'open' | 'close'; mark: InlineMark; pair: number }
  | { kind: 'text'; text: string; code?: boolean }
  | { kind: 'break' };

/**
 * Inline content as pieces: escaped text and delimiters. Whitespace at the edge of a marked run is
 * moved outside its delimiters, since CommonMark does not take `**bold **` for emphasis; openers
 * and breaks wait until some text follows them, so no mark is opened around nothing and closers
 * go before a break.
 */
function pieces(nodes: PMNode[], heading: boolean): Piece[] {
  const result: Piece[] = [];
  let pendingOpens: Piece[] = [];
  const openPairs: number[] = [];
  let pairs = 0;
  let pendingSpace = '';
  let pendingBreaks = 0;
  let lineStart = true;
  const emit = (piece: Piece) => {
    result.push(piece);
    lineStart = piece.kind === 'break';
  };
  for (const token of inlineTokens(nodes)) {
    if (token.kind === 'open') {
      openPairs.push(pairs);
      pendingOpens.push({ kind: 'open', mark: token.mark, pair: pairs++ });
    } else if (token.kind === 'close') {
      const pair = openPairs.pop()!;
      if (pendingOpens.length > 0) pendingOpens.pop();
      else emit({ kind: 'close', mark: token.mark, pair });
    } else if (token.kind === 'break') {
      if (heading) pendingSpace += ' ';
      else pendingBreaks++;
    } else {
      const text = token.text.replace(/[\r\n]+/g, ' ');
      const core = text.trim();
      if (!token.code && core === '') {
        pendingSpace += text;
        continue;
      }
      if (pendingBreaks > 0) {
        // Spaces around a break mean nothing; a paragraph cannot start with one.
        for (; pendingBreaks > 0; pendingBreaks--) if (result.length > 0) emit({ kind: 'break' });
        pendingSpace = '';
      }
      const lead = token.code ? '' : /^\s*/.exec(text)![0];
      // Leading spaces would make an indented code block, or vanish anyway.
      if (!lineStart && pendingSpace + lead) emit({ kind: 'text', text: pendingSpace + lead });
      pendingSpace = '';
      const atLineStart = lineStart && pendingOpens.length === 0;
      pendingOpens.forEach(emit);
      pendingOpens = [];
      if (token.code) emit({ kind: 'text', text: codeSpan(token.text), code: true });
      else {
        emit({ kind: 'text', text: escapeMarkdown(core, { lineStart: atLineStart, heading }) });
        pendingSpace = text.slice(lead.length + core.length);
      }
    }
  }
  return result;
}

const isSpace = (c: string) => /\s/u.test(c);
const isPunctuation = (c: string) => /[\p{P}\p{S}]/u.test(c);

/** The character next to piece `i` on one side, as CommonMark's flanking rules see it. */
function neighbour(list: Piece[], i: number, side: -1 | 1): string {
  const piece = list[i + side];
  if (!piece) return ' ';
  if (piece.kind === 'break') return side < 0 ? ' ' : '\\';
  if (piece.kind === 'text') return side < 0 ? piece.text.at(-1)! : piece.text[0]!;
  // Any delimiter (or the HTML tag one may become) is punctuation.
  return '*';
}

function flanking(list: Piece[], i: number): { left: boolean; right: boolean; before: string; after: string } {
  const before = neighbour(list, i, -1);
  const after = neighbour(list, i, 1);
  return {
    left: !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before)),
    right: !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after)),
    before,
    after,
  };
}

/**
 * Whether CommonMark takes these delimiters for the mark: `**"x"**y` is not bold (the closer sits
 * between punctuation and a letter), nor is `a_b_c` italic.
 */
function delimits(list: Piece[], open: number, close: number, type: InlineMark['type']): boolean {
  const opener = flanking(list, open);
  const closer = flanking(list, close);
  if (type !== 'italic') return opener.left && closer.right;
  return (
    opener.left &&
    (!opener.right || isPunctuation(opener.before)) &&
    closer.right &&
    (!closer.left || isPunctuation(closer.after))
  );
}

/** Inline content as Markdown; a mark that delimiters cannot express is written as an HTML tag. */
function inline(nodes: PMNode[], heading: boolean): string {
  const list = pieces(nodes, heading);
  const openAt = new Map<number, number>();
  list.forEach((piece, i) => {
    if (piece.kind === 'open') openAt.set(piece.pair, i);
  });
  // Neighbours are judged alike whether they end up delimiters or tags, so one pass decides.
  const asHtml = new Set<number>();
  list.forEach((piece, i) => {
    if (piece.kind !== 'close') return;
    const open = openAt.get(piece.pair)!;
    const fails =
      piece.mark.type === 'link'
        ? // A "]" in a code span ends the label of a link reference definition ("[`]:`](url)").
          list.slice(open, i).some((p) => p.kind === 'text' && p.code && p.text.includes(']'))
        : !delimits(list, open, i, piece.mark.type);
    if (fails) asHtml.add(piece.pair);
  });
  return list
    .map((piece, i) => {
      const next = list[i + 1];
      // "!" right before a link would make it an image.
      if (piece.kind === 'text' && next?.kind === 'open' && next.mark.type === 'link') return piece.text.replace(/!$/, '\\!');
      if (piece.kind === 'text') return piece.text;
      if (piece.kind === 'break') return '\\\n';
      if (asHtml.has(piece.pair)) {
        const tag = HTML_TAGS[piece.mark.type];
        if (piece.kind === 'close') return `</${tag}>`;
        return piece.mark.type === 'link' ? `<a href="${htmlAttribute(piece.mark.href ?? '')}">` : `<${tag}>`;
      }
      return piece.kind === 'open' ? DELIMITERS[piece.mark.type] : closeDelimiter(piece.mark);
    })
    .join('');
}

function closeDelimiter(mark: InlineMark): string {
  return mark.type === 'link' ? `](${linkDestination(mark.href ?? '')})` : DELIMITERS[mark.type];
}

/** Prefixes every line; an empty line gets `blank` (no trailing spaces), code keeps its own. */
function prefixLines(block: string, first: string, rest: string, blank = ''): string {
  return block
    .split('\n')
    .map((line, i) => (line === '' ? blank : `${i === 0 ? first : rest}${line}`))
    .join('\n');
}

function codeBlock(node: PMNode): string | null {
  const code = childrenOf(node)
    .map((child) => child.text ?? '')
    .join('');
  if (code.trim() === '') return null;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${fence}${codeLanguage(node)}\n${code}\n${fence}`;
}

/**
 * Whether a list can follow a paragraph with no blank line between: CommonMark lets only a
 * bullet list or an ordered list starting at 1 interrupt a paragraph.
 */
function interruptsParagraph(list: PMNode): boolean {
  return list.type !== 'orderedList' || listStart(list) === 1;
}

/** An item's blocks; a list right after the item's text stays tight (no blank line) where it can. */
function itemBody(item: PMNode, options: Required<DocumentRenderOptions>): string | null {
  if (!ITEM_TYPES.has(item.type)) return block(item, options);
  let body = '';
  let previous: PMNode | null = null;
  for (const child of childrenOf(item)) {
    const rendered = block(child, options);
    if (rendered === null) continue;
    const tight = LIST_TYPES.has(child.type) && previous?.type === 'paragraph' && interruptsParagraph(child);
    if (previous) body += tight ? '\n' : separator(previous, child);
    body += rendered;
    previous = child;
  }
  return body || null;
}

function list(node: PMNode, options: Required<DocumentRenderOptions>): string | null {
  const items: string[] = [];
  let number = listStart(node);
  for (const item of childrenOf(node)) {
    const body = itemBody(item, options);
    if (body === null) continue;
    const task = item.type === 'taskItem' || (node.type === 'taskList' && !ITEM_TYPES.has(item.type));
    if (task) items.push(prefixLines(body, isChecked(item) ? '- [x] ' : '- [ ] ', '  '));
    else {
      // CommonMark reads at most nine digits as a list number, and only the first number counts: an
      // item past 999999999 (a list starting near it) is written with that number, staying an item.
      const marker = node.type === 'orderedList' ? `${Math.min(number++, 999_999_999)}. ` : '- ';
      items.push(prefixLines(body, marker, ' '.repeat(marker.length)));
    }
  }
  return items.length > 0 ? items.join('\n') : null;
}

function block(node: PMNode, options: Required<DocumentRenderOptions>): string | null {
  switch (node.type) {
    case 'paragraph':
      return inline(childrenOf(node), false) || null;
    case 'text':
      return inline([node], false) || null;
    case 'heading': {
      const text = inline(childrenOf(node), true);
      return text ? `${'#'.repeat(headingLevel(node, options.headingOffset))} ${text}` : null;
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return list(node, options);
    case 'listItem':
    case 'taskItem':
      return list({ type: node.type === 'taskItem' ? 'taskList' : 'bulletList', content: [node] }, options);
    case 'blockquote': {
      const inner = blocks(childrenOf(node), options);
      return inner ? prefixLines(inner, '> ', '> ', '>') : null;
    }
    case 'codeBlock':
      return codeBlock(node);
    case 'horizontalRule':
      return '---';
    case 'hardBreak':
      return null;
    default:
      // An unknown node: its text, as a paragraph or as the blocks it holds.
      return hasInlineContent(node) ? inline(childrenOf(node), false) || null : blocks(childrenOf(node), options);
  }
}

/** Two lists with the same kind of marker in a row would read as one: an empty comment parts them. */
function separator(previous: PMNode, next: PMNode): string {
  const kind = (node: PMNode) => (LIST_TYPES.has(node.type) ? (node.type === 'orderedList' ? 'ordered' : 'bullet') : null);
  return kind(previous) !== null && kind(previous) === kind(next) ? '\n\n<!-- -->\n\n' : '\n\n';
}

function blocks(nodes: PMNode[], options: Required<DocumentRenderOptions>): string | null {
  let out = '';
  let previous: PMNode | null = null;
  for (const node of nodes) {
    const rendered = block(node, options);
    if (rendered === null) continue;
    out += (previous ? separator(previous, node) : '') + rendered;
    previous = node;
  }
  return out || null;
}

/**
 * The document as Markdown, ending with a newline ('' for an empty document). The document is read
 * within the limits of `prepareDocument`, TRUNCATION_NOTE ending a longer one (as is: it is
 * literal Markdown, no link reference definition can be written to give it a target).
 */
export function documentToMarkdown(doc: PMNode, options: DocumentRenderOptions = {}): string {
  const prepared = prepareDocument(doc);
  const body = blocks(prepared.blocks, { headingOffset: options.headingOffset ?? 0 });
  const parts = [...(body ? [body] : []), ...(prepared.truncated ? [TRUNCATION_NOTE] : [])];
  return parts.length > 0 ? `${parts.join('\n\n')}\n` : '';
}

function linkOrText(label: string, url: string): string {
  const href = safeHref(url);
  if (!href) return escapeMarkdown(label);
  // An autolink where the text is the address itself.
  if (label === href && /^[^\s<>]+$/.test(href)) return `<${href}>`;
  return `[${escapeMarkdown(label)}](${linkDestination(href)})`;
}

export function minutesToMarkdown(record: MinutesRecord): string {
  const { session } = record;
  const section = (title: string, body: string) => `## ${escapeMarkdown(title, { heading: true })}\n\n${body}`;
  // An entry's text starts a line: "- # x" would hold a heading, "- 1. x" a list.
  const entry = (text: string) => escapeMarkdown(oneLine(text), { lineStart: true });
  const parts = [
    `# ${escapeMarkdown(oneLine(session.title), { heading: true }) || 'Untitled session'}`,
    headerFields(record)
      .map(({ label, value }) => `- **${label}:** ${escapeMarkdown(value)}`)
      .join('\n'),
    escapeMarkdown(timeSplitLine(record), { lineStart: true }),
    section(
      EXPORT_HEADINGS.minutes,
      documentToMarkdown(minutesBody(record), { headingOffset: 1 }).trimEnd() || EMPTY_MINUTES,
    ),
    section(
      EXPORT_HEADINGS.decisions,
      record.decisions.length > 0
        ? record.decisions.map((d) => `- ${entry(d.text)}`).join('\n')
        : NONE_RECORDED,
    ),
    section(
      EXPORT_HEADINGS.actionItems,
      record.actionItems.length > 0
        ? record.actionItems
            .map((item) => {
              const details = actionItemDetails(item);
              return `- [${item.done ? 'x' : ' '}] ${entry(item.text)}${details ? ` (${escapeMarkdown(oneLine(details))})` : ''}`;
            })
            .join('\n')
        : NONE_RECORDED,
    ),
    ...(session.preparation.length > 0
      ? [
          section(
            EXPORT_HEADINGS.preparation,
            session.preparation.map((p) => `- ${linkOrText(preparationLabel(p), p.url)}`).join('\n'),
          ),
        ]
      : []),
    [
      escapeMarkdown(CLOSING_LINE, { lineStart: true }),
      ...(record.sessionUrl ? [`Session page: ${linkOrText(oneLine(record.sessionUrl), record.sessionUrl)}`] : []),
    ].join('\\\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}
