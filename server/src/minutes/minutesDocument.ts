import * as Y from 'yjs';
import { DOCUMENT_LAYOUT, isRole, type MinutesPerson, type PMMark, type PMNode } from '@roundtable/shared';
import type { StoredDocument } from '../storage/index.js';

export interface MinutesContent {
  minutes: PMNode;
  attendees: MinutesPerson[];
}

/**
 * The minutes and the attendee list as stored: what every process and a restarted server agree
 * on, since the export reads storage rather than one process's live room.
 */
export function readMinutesContent(stored: StoredDocument): MinutesContent {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return {
      minutes: fragmentToJson(doc.getXmlFragment(DOCUMENT_LAYOUT.minutes)),
      attendees: attendeesOf(doc.getMap(DOCUMENT_LAYOUT.attendees)),
    };
  } finally {
    doc.destroy();
  }
}

/**
 * The `attendees` map (name -> { role, firstSeenAt }) that every seated client adds itself to.
 * Entries that are not what a client writes are skipped: the map is writable by any attendee.
 */
function attendeesOf(map: Y.Map<unknown>): MinutesPerson[] {
  const people: MinutesPerson[] = [];
  for (const [name, value] of map) {
    const entry = value as { role?: unknown; firstSeenAt?: unknown } | null;
    const role = entry?.role;
    if (!name.trim() || !isRole(role) || role === 'follower') continue;
    const seen = typeof entry?.firstSeenAt === 'string' ? Date.parse(entry.firstSeenAt) : Number.NaN;
    people.push({ name: name.trim(), role, firstSeenAt: Number.isFinite(seen) ? seen : 0 });
  }
  return people.sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.name.localeCompare(b.name));
}

/** Elements nested deeper than this are read into their ancestor at this depth. */
export const MAX_MINUTES_DEPTH = 64;
/** Elements and text runs read at most; the rest of a larger document is left out of exports. */
export const MAX_MINUTES_NODES = 50_000;

interface Frame {
  items: unknown[];
  index: number;
  target: PMNode[];
  depth: number;
}

/**
 * The minutes fragment as ProseMirror JSON, as y-prosemirror writes it (an element per node, its
 * attributes as attrs; text with marks as formatting attributes). Any attendee can write any Yjs
 * structure into the fragment, so this reads defensively: without recursion (a document nested
 * thousands deep must not overflow the stack), skipping types that are neither element nor text,
 * and stopping at MAX_MINUTES_NODES.
 */
function fragmentToJson(fragment: Y.XmlFragment): PMNode {
  const root: PMNode[] = [];
  const stack: Frame[] = [{ items: fragment.toArray(), index: 0, target: root, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_MINUTES_NODES) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.items.length) {
      stack.pop();
      continue;
    }
    const item = frame.items[frame.index++];
    nodes++;
    if (item instanceof Y.XmlText) {
      frame.target.push(...textNodes(item));
    } else if (item instanceof Y.XmlElement) {
      const children = item.toArray();
      if (frame.depth >= MAX_MINUTES_DEPTH) {
        stack.push({ items: children, index: 0, target: frame.target, depth: frame.depth });
        continue;
      }
      const node: PMNode = { type: item.nodeName };
      const attrs = item.getAttributes();
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content: PMNode[] = [];
      if (children.length > 0) node.content = content;
      frame.target.push(node);
      stack.push({ items: children, index: 0, target: content, depth: frame.depth + 1 });
    }
  }
  return { type: 'doc', content: root };
}

/** A Y.XmlText's runs as text nodes; a mark is a formatting attribute (`name` or `name--hash`). */
function textNodes(text: Y.XmlText): PMNode[] {
  const out: PMNode[] = [];
  for (const run of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof run.insert !== 'string' || run.insert === '') continue; // embeds are not minutes text
    const node: PMNode = { type: 'text', text: run.insert };
    const marks: PMMark[] = Object.entries(run.attributes ?? {}).map(([name, attrs]) => {
      const mark: PMMark = { type: name.split('--')[0]! };
      if (attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0) mark.attrs = attrs as Record<string, unknown>;
      return mark;
    });
    if (marks.length > 0) node.marks = marks;
    out.push(node);
  }
  return out;
}
