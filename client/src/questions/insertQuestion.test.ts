import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { insertQuestion } from './insertQuestion';

function heading(text: string): Y.XmlElement {
  const element = new Y.XmlElement('heading');
  element.setAttribute('level', 2 as never);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function minutesWith(...headings: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('minutes').insert(0, headings.map(heading));
  return doc;
}

const json = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment('minutes')).content as { type: string; content?: unknown[] }[];

describe('insertQuestion', () => {
  it('writes the question at the end of the discussion, the asker in bold, as ProseMirror reads it', () => {
    const doc = minutesWith('Discussion', 'Decisions', 'Action items');
    insertQuestion(doc, { name: 'Eve', text: 'What about <b>ARM</b>?' });
    insertQuestion(doc, { name: 'Sam', text: 'And RISC-V?' });
    const nodes = json(doc);
    expect(nodes.map((n) => n.type)).toEqual(['heading', 'paragraph', 'paragraph', 'heading', 'heading']);
    expect(nodes[1]!.content).toEqual([
      { type: 'text', marks: [{ type: 'bold', attrs: {} }], text: 'Question from Eve (remote):' },
      { type: 'text', text: ' What about <b>ARM</b>?' },
    ]);
    expect(JSON.stringify(nodes[2])).toContain('Question from Sam (remote):');
  });

  it('appends to minutes without a Decisions section', () => {
    const doc = minutesWith('Notes');
    insertQuestion(doc, { name: 'Eve', text: 'Why?' });
    expect(json(doc).map((n) => n.type)).toEqual(['heading', 'paragraph']);
  });

  it('reaches another copy of the document as one update', () => {
    const doc = minutesWith('Discussion', 'Decisions');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    insertQuestion(doc, { name: 'Eve', text: 'Why?' });
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    expect(JSON.stringify(json(other))).toContain('Question from Eve (remote):');
  });
});
