import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { insertQuestion, questionInMinutes, questionsNotInMinutes } from './insertQuestion';

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

  it('writes nothing when the minutes have the question already, from this copy or another', () => {
    const doc = minutesWith('Discussion', 'Decisions');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    insertQuestion(doc, { name: 'Eve', text: 'Why?' });
    insertQuestion(doc, { name: 'Eve', text: 'Why?' });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    insertQuestion(other, { name: 'Eve', text: 'Why?' });
    expect(json(other).map((n) => n.type)).toEqual(['heading', 'paragraph', 'heading']);
  });
});

describe('questionInMinutes', () => {
  const eve = { name: 'Eve', text: 'What about <b>ARM</b>?' };

  it('finds a question’s paragraph, and only one of exactly its lead and text', () => {
    const doc = minutesWith('Discussion', 'Decisions');
    expect(questionInMinutes(doc, eve)).toBe(false);
    insertQuestion(doc, eve);
    expect(questionInMinutes(doc, eve)).toBe(true);
    expect(questionInMinutes(doc, { ...eve, name: 'Sam' })).toBe(false);
    expect(questionInMinutes(doc, { ...eve, text: 'What about ARM?' })).toBe(false);
    expect(questionInMinutes(doc, { ...eve, text: 'What about <b>ARM</b>' })).toBe(false);
  });

  it('finds it moved into a list, and no longer once someone edited it or took it out', () => {
    const doc = minutesWith('Discussion');
    const minutes = doc.getXmlFragment('minutes');
    const item = new Y.XmlElement('listItem');
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [item]);
    minutes.insert(1, [list]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`Question from Eve (remote): ${eve.text}`)]);
    item.insert(0, [paragraph]);
    expect(questionInMinutes(doc, eve)).toBe(true);

    (paragraph.get(0) as Y.XmlText).insert(0, 'Q: ');
    expect(questionInMinutes(doc, eve)).toBe(false);
    minutes.delete(1);
    insertQuestion(doc, eve);
    expect(questionInMinutes(doc, eve)).toBe(true);
    minutes.delete(1);
    expect(questionInMinutes(doc, eve)).toBe(false);
  });

  it('tells which of several questions are missing, in one look', () => {
    const doc = minutesWith('Discussion', 'Decisions');
    const asked = [
      { id: 'a', name: 'Eve', text: 'Why?' },
      { id: 'b', name: 'Sam', text: 'How?' },
      { id: 'c', name: 'Eve', text: 'Why not?' },
    ];
    insertQuestion(doc, asked[1]!);
    expect(questionsNotInMinutes(doc, asked).map((q) => q.id)).toEqual(['a', 'c']);
    expect(questionsNotInMinutes(doc, [])).toEqual([]);
  });
});
