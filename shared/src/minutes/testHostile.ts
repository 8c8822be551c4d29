/**
 * Hostile minutes for the tests of the renderers' limits (deep nesting, huge input): built with
 * loops, since a recursive builder would hit the call stack the renderers must not hit.
 */
import { paragraph, text, type PMNode } from './prosemirrorJson.js';

/** Generous: only a guard against quadratic blow-up (which takes minutes on these inputs). */
export const LINEAR_TIME_MS = 2_000;

/** `run`'s result and how long it took. */
export function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

/**
 * `depth` blockquotes, each holding a paragraph "quote N" (every `textEvery`-th level, and the
 * outermost) and then the next one; `leaf` in the innermost.
 */
export function nestedQuotes(depth: number, leaf: PMNode, textEvery = 1): PMNode {
  let node = leaf;
  for (let level = depth; level >= 1; level--) {
    const own = level === 1 || level % textEvery === 0 ? [paragraph(text(`quote ${level}`))] : [];
    node = { type: 'blockquote', content: [...own, node] };
  }
  return node;
}

/**
 * `depth` lists of `type` ("orderedList" starting at `start`; task items for "taskList"), each holding one item with a
 * paragraph "item N" (every `textEvery`-th level, and the outermost) and then the next list, and
 * a second item "after N"; `leaf` in the innermost item.
 */
export function nestedLists(
  depth: number,
  leaf: PMNode,
  options: { type?: string; start?: number; textEvery?: number; after?: boolean } = {},
): PMNode {
  const { type = 'bulletList', start, textEvery = 1, after = false } = options;
  let node = leaf;
  for (let level = depth; level >= 1; level--) {
    const own = level === 1 || level % textEvery === 0 ? [paragraph(text(`item ${level}`))] : [];
    const item = (content: PMNode[]): PMNode =>
      type === 'taskList' ? { type: 'taskItem', attrs: { checked: false }, content } : { type: 'listItem', content };
    const items: PMNode[] = [item([...own, node])];
    if (after) items.push(item([paragraph(text(`after ${level}`))]));
    node = { type, ...(start === undefined ? {} : { attrs: { start } }), content: items };
  }
  return node;
}

/** `count` paragraphs "para N" (two nodes each: the paragraph and its text). */
export function manyParagraphs(count: number): PMNode[] {
  return Array.from({ length: count }, (_, i) => paragraph(text(`para ${i}`)));
}

/** The words of `value` (no blank ones). */
export function wordsOf(value: string): Set<string> {
  return new Set(value.split(/\s+/).filter(Boolean));
}
