/**
 * Reading ProseMirror JSON the way every minutes format needs it. The JSON comes from clients, so
 * nothing here trusts its shape: a missing or odd field reads as empty rather than throwing.
 */
import type { PMMark, PMNode } from './prosemirrorJson.js';

export const LIST_TYPES: ReadonlySet<string> = new Set(['bulletList', 'orderedList', 'taskList']);
export const ITEM_TYPES: ReadonlySet<string> = new Set(['listItem', 'taskItem']);

/** Options every document renderer takes. */
export interface DocumentRenderOptions {
  /** Added to every heading level (capped at 6): the exports nest the minutes under their own title. */
  headingOffset?: number;
}

export function childrenOf(node: PMNode): PMNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

function isNode(value: unknown): value is PMNode {
  return typeof value === 'object' && value !== null && typeof (value as PMNode).type === 'string';
}

/** A document's blocks; any other node stands for itself, so a fragment renders too. */
export function topBlocks(doc: PMNode): PMNode[] {
  return doc.type === 'doc' ? childrenOf(doc) : [doc];
}

export function attr(node: PMNode, name: string): unknown {
  return typeof node.attrs === 'object' && node.attrs !== null ? node.attrs[name] : undefined;
}

export function headingLevel(node: PMNode, offset = 0): number {
  const level = attr(node, 'level');
  const base = typeof level === 'number' && Number.isInteger(level) ? level : 1;
  return Math.min(6, Math.max(1, base + offset));
}

/** An ordered list's first number; CommonMark allows at most nine digits. */
export function listStart(node: PMNode): number {
  const start = attr(node, 'start');
  return typeof start === 'number' && Number.isInteger(start) && start >= 0 && start <= 999_999_999 ? start : 1;
}

export function isChecked(node: PMNode): boolean {
  return attr(node, 'checked') === true;
}

export function codeLanguage(node: PMNode): string {
  const language = attr(node, 'language');
  // Only characters that are safe in a fence info string and an HTML class name.
  return typeof language === 'string' ? language.replace(/[^\w+#.-]/g, '') : '';
}

function isInline(node: PMNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak';
}

/** True for a textblock (paragraph, heading, or an unknown node holding text directly). */
export function hasInlineContent(node: PMNode): boolean {
  return childrenOf(node).some(isInline);
}

/**
 * All the text below a node, marks dropped and hard breaks as spaces; with `skipLists`, nested
 * lists are left out (an item's own text). Blocks are joined by a space so words never run together.
 *
 * Walked with a stack of its own rather than by recursion, since a hostile document may nest
 * deeper than the call stack goes. `take`, when given, is called once for every node below `node`
 * before it is read; once it returns false the walk stops and the text read so far is returned
 * (the node budget of `prepareDocument`).
 */
export function plainText(node: PMNode, skipLists = false, take?: () => boolean): string {
  const leafText = (n: PMNode): string | null =>
    n.type === 'text' ? (typeof n.text === 'string' ? n.text : '') : n.type === 'hardBreak' ? ' ' : null;
  const own = leafText(node);
  if (own !== null) return own;
  interface Open {
    children: PMNode[];
    next: number;
    parts: string[];
    joiner: string;
  }
  const open = (n: PMNode): Open => ({
    children: childrenOf(n).filter((child) => !(skipLists && LIST_TYPES.has(child.type))),
    next: 0,
    parts: [],
    joiner: hasInlineContent(n) ? '' : ' ',
  });
  const stack: Open[] = [open(node)];
  let stopped = false;
  for (;;) {
    const top = stack.at(-1)!;
    if (!stopped && top.next < top.children.length) {
      const child = top.children[top.next++]!;
      if (take && !take()) {
        stopped = true;
        continue;
      }
      const text = leafText(child);
      if (text !== null) top.parts.push(text);
      else stack.push(open(child));
      continue;
    }
    stack.pop();
    const joined = top.parts.join(top.joiner);
    const parent = stack.at(-1);
    if (!parent) return joined;
    parent.parts.push(joined);
  }
}

/** http(s) and mailto only: anything else (javascript:, data:, relative) is not made a link. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const href = value.trim();
  if (!/^(?:https?:\/\/|mailto:)/i.test(href) || /[\u0000-\u001f\u007f]/.test(href)) return null;
  return href;
}

/** The marks the exports render, outermost first; every other mark is dropped. */
const MARK_ORDER = ['link', 'bold', 'italic', 'strike'] as const;
export type InlineMarkType = (typeof MARK_ORDER)[number];

export interface InlineMark {
  type: InlineMarkType;
  /** For links: the (safe) target. */
  href?: string;
}

export type InlineToken =
  | { kind: 'open'; mark: InlineMark }
  | { kind: 'close'; mark: InlineMark }
  | { kind: 'text'; text: string; code: boolean }
  | { kind: 'break' };

interface Segment {
  text: string | null; // null: a hard break
  marks: InlineMark[];
  code: boolean;
}

function inlineMarks(marks: PMMark[] | undefined): { marks: InlineMark[]; code: boolean } {
  const list = Array.isArray(marks) ? marks : [];
  const result: InlineMark[] = [];
  for (const type of MARK_ORDER) {
    const mark = list.find((m) => m?.type === type);
    if (!mark) continue;
    if (type === 'link') {
      const href = safeHref(mark.attrs?.href);
      if (href) result.push({ type, href });
    } else {
      result.push({ type });
    }
  }
  return { marks: result, code: list.some((m) => m?.type === 'code') };
}

function sameMark(a: InlineMark, b: InlineMark): boolean {
  return a.type === b.type && a.href === b.href;
}

function sameMarks(a: InlineMark[], b: InlineMark[]): boolean {
  return a.length === b.length && a.every((mark, i) => sameMark(mark, b[i]!));
}

function segmentsOf(nodes: PMNode[]): Segment[] {
  const segments: Segment[] = [];
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      segments.push({ text: null, marks: [], code: false });
      continue;
    }
    // Text, or an unknown inline node (a mention, an emoji...) written as its text.
    const text = node.type === 'text' ? (typeof node.text === 'string' ? node.text : '') : plainText(node);
    if (!text) continue;
    const { marks, code } = inlineMarks(node.marks);
    const last = segments.at(-1);
    // Merged so that one code span or one link is never written as two touching ones.
    if (last && last.text !== null && last.code === code && sameMarks(last.marks, marks)) last.text += text;
    else segments.push({ text, marks, code });
  }
  return segments;
}

/**
 * An inline content as properly nested open/close events, so Markdown and HTML output never has
 * crossing marks. Marks are kept open across segments that share them (one link around a label
 * with a bold word is one link), and whitespace alone never opens a mark.
 */
export function inlineTokens(nodes: PMNode[]): InlineToken[] {
  const tokens: InlineToken[] = [];
  const open: InlineMark[] = [];
  const closeTo = (depth: number) => {
    while (open.length > depth) tokens.push({ kind: 'close', mark: open.pop()! });
  };
  for (const segment of segmentsOf(nodes)) {
    if (segment.text === null) {
      tokens.push({ kind: 'break' });
      continue;
    }
    let kept = 0;
    while (kept < open.length && kept < segment.marks.length && sameMark(open[kept]!, segment.marks[kept]!)) kept++;
    closeTo(kept);
    if (segment.code || segment.text.trim() !== '') {
      for (const mark of segment.marks.slice(kept)) {
        open.push(mark);
        tokens.push({ kind: 'open', mark });
      }
    }
    tokens.push({ kind: 'text', text: segment.text, code: segment.code });
  }
  closeTo(0);
  return tokens;
}
