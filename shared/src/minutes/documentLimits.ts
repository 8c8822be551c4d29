/**
 * The minutes document as the renderers and the item extraction read it. Its JSON is written by
 * any attendee of a session, so before anything walks it, it is copied once, without recursion,
 * into a tree that is safe to recurse over and bounded in size:
 *
 * - Nesting: at most MAX_NESTING levels of block containers (blockquotes, lists, list items and
 *   unknown wrapping nodes; a list and its items are two levels, so that is 8 nested lists or 16
 *   nested quotes). The blocks of a container nested deeper are kept, in order, as siblings inside
 *   the deepest container allowed: the text survives, only the deeper quoting or indentation is
 *   lost.
 * - Inline content: an inline node other than text and a hard break (a mention, an emoji...) becomes
 *   a text node holding its text, with its marks, which is how every renderer reads it anyway. So no
 *   node of the copy sits deeper than MAX_NESTING + 2.
 * - Size: only the first MAX_NODES nodes are kept (every node below the document counts, inline
 *   ones and those inside a mention too, in document order); `truncated` says that some were left
 *   out, and every export then ends the minutes with TRUNCATION_NOTE (`minutesCommon.ts`).
 * - Text: line ends are normalised and control characters removed (`cleanText`).
 */
import type { PMMark, PMNode } from './prosemirrorJson.js';
import { ITEM_TYPES, LIST_TYPES, childrenOf, hasInlineContent, plainText, topBlocks } from './pmInline.js';

/** Block containers nested deeper than this are dissolved into the deepest one allowed. */
export const MAX_NESTING = 16;
/** Nodes of the document that are rendered (or read for items); the rest is left out. */
export const MAX_NODES = 20_000;

/**
 * Control characters other than tab and line feed (C0, DEL and C1). A bare CR is not among them
 * because `cleanText` has made it a line feed first.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * User text fit for every export: "\r\n" and a lone "\r" become "\n", and other control characters
 * are removed. SMTP rewrites a bare CR (which broke the mail's byte-for-byte promise), an escape
 * sequence could drive the terminal a plain-text mail is read in, and XML-style HTML parsers
 * reject most C0 characters.
 */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** The document's blocks, safe and bounded (see the module comment). */
export interface PreparedDocument {
  blocks: PMNode[];
  /** True when the document had more than MAX_NODES nodes and only the first ones were kept. */
  truncated: boolean;
}

/** Read one node at a time until the limit is reached. */
class NodeBudget {
  private left: number;
  exhausted = false;

  constructor(limit: number) {
    this.left = limit;
  }

  /** Whether one more node may be read; false from the first node past the limit on. */
  readonly take = (): boolean => {
    if (this.left > 0) {
      this.left--;
      return true;
    }
    this.exhausted = true;
    return false;
  };
}

/** The types every renderer treats as holding blocks, even when they hold text directly. */
const STRUCTURAL: ReadonlySet<string> = new Set([...LIST_TYPES, ...ITEM_TYPES, 'blockquote']);

/** Whether the renderers read the node as a container of blocks (else it holds no blocks). */
function isContainer(node: PMNode): boolean {
  switch (node.type) {
    case 'text':
    case 'hardBreak':
    case 'horizontalRule':
    case 'codeBlock':
    case 'paragraph':
    case 'heading':
      return false;
    default:
      // An unknown node holding text directly is a textblock, as the renderers read it.
      return STRUCTURAL.has(node.type) || !hasInlineContent(node);
  }
}

function textNode(value: unknown, marks?: PMMark[]): PMNode {
  const text = cleanText(typeof value === 'string' ? value : '');
  return marks === undefined ? { type: 'text', text } : { type: 'text', text, marks };
}

/** A copy of the node (type and attributes) holding `content` instead of its own. */
function withContent(node: PMNode, content: PMNode[]): PMNode & { content: PMNode[] } {
  return node.attrs === undefined ? { type: node.type, content } : { type: node.type, attrs: node.attrs, content };
}

/** A node that holds no blocks, copied with its text cleaned and, for a textblock, flat inline content. */
function copyLeaf(node: PMNode, budget: NodeBudget): PMNode {
  switch (node.type) {
    case 'text':
      return textNode(node.text, node.marks);
    case 'hardBreak':
    case 'horizontalRule':
      // Neither has content that any renderer reads.
      return { type: node.type };
    case 'codeBlock': {
      // The renderers read only the text of its children.
      const content: PMNode[] = [];
      for (const child of childrenOf(node)) {
        if (!budget.take()) break;
        if (typeof child.text === 'string') content.push(textNode(child.text));
      }
      return withContent(node, content);
    }
    default: {
      const content: PMNode[] = [];
      for (const child of childrenOf(node)) {
        if (!budget.take()) break;
        if (child.type === 'hardBreak') content.push({ type: 'hardBreak' });
        else if (child.type === 'text') content.push(textNode(child.text, child.marks));
        else content.push(textNode(plainText(child, false, budget.take), child.marks));
      }
      return withContent(node, content);
    }
  }
}

/**
 * The document's blocks copied as the module comment says. Iterative: the input may nest far
 * deeper than the call stack allows; each node is read once, so the work is linear in its size.
 */
export function prepareDocument(doc: PMNode): PreparedDocument {
  const budget = new NodeBudget(MAX_NODES);
  const blocks: PMNode[] = [];
  interface Level {
    children: PMNode[];
    next: number;
    /** Where the copies of `children` go. */
    out: PMNode[];
    /** The nesting level of `children`: the document's blocks are at level 1. */
    depth: number;
  }
  const stack: Level[] = [{ children: topBlocks(doc), next: 0, out: blocks, depth: 1 }];
  while (stack.length > 0 && !budget.exhausted) {
    const level = stack.at(-1)!;
    if (level.next >= level.children.length) {
      stack.pop();
      continue;
    }
    const node = level.children[level.next++]!;
    if (!budget.take()) break;
    if (!isContainer(node)) {
      level.out.push(copyLeaf(node, budget));
    } else if (level.depth > MAX_NESTING) {
      // Too deep: the container itself is left out and its blocks join its siblings.
      stack.push({ children: childrenOf(node), next: 0, out: level.out, depth: level.depth });
    } else {
      const copy = withContent(node, []);
      level.out.push(copy);
      stack.push({ children: childrenOf(node), next: 0, out: copy.content, depth: level.depth + 1 });
    }
  }
  return { blocks, truncated: budget.exhausted };
}
