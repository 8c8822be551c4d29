import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { DOCUMENT_LAYOUT, type PMNode } from '@roundtable/shared';
import { initialDocumentUpdate } from '../sessions/initialDocument.js';
import { MAX_MINUTES_DEPTH, MAX_MINUTES_NODES, readMinutesContent } from './minutesDocument.js';

const stored = (doc: Y.Doc) => ({ snapshot: Y.encodeStateAsUpdate(doc), updates: [], lastSeq: 0 });

function depthOf(node: PMNode): number {
  let depth = 0;
  let level: PMNode[] = [node];
  while (level.length > 0) {
    depth++;
    level = level.flatMap((n) => n.content ?? []);
  }
  return depth;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  return p;
}

describe('readMinutesContent', () => {
  it('reads what the editor writes as y-prosemirror does, marks and attributes included', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialDocumentUpdate({ title: 'T', problem: 'P', preparation: [{ url: 'https://example.org', label: 'L' }] }));
    const fragment = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
    const bold = new Y.XmlText();
    bold.insert(0, 'plain ');
    bold.insert(6, 'bold', { bold: {} });
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [bold]);
    fragment.push([p]);
    const ours = readMinutesContent(stored(doc)).minutes;
    const theirs = yXmlFragmentToProsemirrorJSON(fragment) as PMNode;
    // y-prosemirror writes `attrs: {}` for a mark without attributes; we leave it out
    expect(JSON.parse(JSON.stringify(ours).replace(/,"attrs":\{\}/g, ''))).toEqual(JSON.parse(JSON.stringify(theirs).replace(/,"attrs":\{\}/g, '')));
  });

  it('skips Yjs types that are not elements or text, as any attendee may write them', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
    fragment.push([paragraph('before'), new Y.XmlHook('hostile') as unknown as Y.XmlElement, paragraph('after')]);
    const { minutes } = readMinutesContent(stored(doc));
    expect(JSON.stringify(minutes)).toContain('before');
    expect(JSON.stringify(minutes)).toContain('after');
    expect(minutes.content).toHaveLength(2);
  });

  it('reads a document nested 5,000 deep without recursing, folding what is deeper than the cap', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
    // Built from the top down, one element per step, as a client typing (or crafting updates) would.
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < 5_000; i++) {
      const quote: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    parent.insert(0, [paragraph('deepest words')]);
    const { minutes } = readMinutesContent(stored(doc));
    expect(JSON.stringify(minutes)).toContain('deepest words');
    expect(depthOf(minutes)).toBeLessThanOrEqual(MAX_MINUTES_DEPTH + 3);
  });

  it('stops at the node cap', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
    fragment.push(Array.from({ length: MAX_MINUTES_NODES }, (_, i) => paragraph(`p${i}`)));
    const { minutes } = readMinutesContent(stored(doc));
    expect(minutes.content!.length).toBeLessThan(MAX_MINUTES_NODES);
    expect(minutes.content!.length).toBeGreaterThan(MAX_MINUTES_NODES / 3);
  });
});
