import * as Y from 'yjs';
import { DOCUMENT_LAYOUT, MINUTES_SECTIONS, type Question } from '@roundtable/shared';

/** The words before a question in the minutes; the name is the one its asker gave. */
export function questionLead(question: Pick<Question, 'name'>): string {
  return `Question from ${question.name} (remote):`;
}

/** The whole text of a question's paragraph in the minutes: the lead, a space, the question. */
function questionLine(question: Pick<Question, 'name' | 'text'>): string {
  return `${questionLead(question)} ${question.text}`;
}

/**
 * Writes a question into the minutes, as a paragraph with its asker's name in bold, at the end
 * of the discussion (before the "Decisions" heading, or at the end when there is none). Straight
 * into the Yjs document, as y-prosemirror stores a paragraph: every editor shows it at once, and
 * it needs no editor of ours to be open or focused. Writes nothing when the minutes hold it
 * already: two people who both end up inserting one question (a retry after a lost answer, the
 * queue's "insert it") do not write it twice.
 */
export function insertQuestion(doc: Y.Doc, question: Pick<Question, 'name' | 'text'>): void {
  if (questionInMinutes(doc, question)) return;
  const minutes = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    minutes.insert(decisionsIndex(minutes), [paragraph]);
    // Formatting attributes are y-prosemirror's marks: the mark's name, with its attributes.
    text.applyDelta([{ insert: questionLead(question), attributes: { bold: {} } }, { insert: ` ${question.text}` }]);
  });
}

/** Whether the minutes have a paragraph of exactly this question's lead and text, anywhere. */
export function questionInMinutes(doc: Y.Doc, question: Pick<Question, 'name' | 'text'>): boolean {
  return questionsNotInMinutes(doc, [question]).length === 0;
}

/**
 * The questions of `questions` that have no paragraph of their own in the minutes, in one walk of
 * them. Run on every change of the document while the queue is shown, so a paragraph whose length
 * is not one we look for is passed over without reading its text.
 */
export function questionsNotInMinutes<Q extends Pick<Question, 'name' | 'text'>>(doc: Y.Doc, questions: readonly Q[]): Q[] {
  if (questions.length === 0) return [];
  const wanted = new Map<string, Q[]>();
  for (const question of questions) {
    const line = questionLine(question);
    wanted.set(line, [...(wanted.get(line) ?? []), question]);
  }
  const lengths = new Set([...wanted.keys()].map((line) => line.length));
  const visit = (node: Y.XmlElement | Y.XmlFragment): void => {
    for (const child of node.toArray()) {
      if (wanted.size === 0) return;
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName !== 'paragraph') visit(child);
      else if (lengths.has(paragraphLength(child))) wanted.delete(paragraphText(child));
    }
  };
  visit(doc.getXmlFragment(DOCUMENT_LAYOUT.minutes));
  return [...wanted.values()].flat();
}

/** A paragraph's length in characters; -1 when it holds anything but text (a line break, an image). */
function paragraphLength(paragraph: Y.XmlElement): number {
  let length = 0;
  for (const child of paragraph.toArray()) {
    if (!(child instanceof Y.XmlText)) return -1;
    length += child.length;
  }
  return length;
}

/** A text-only paragraph's characters, without its marks. */
function paragraphText(paragraph: Y.XmlElement): string {
  return paragraph
    .toArray()
    .flatMap((child) => (child as Y.XmlText).toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** Where the "Decisions" section starts; the end of the minutes without one. */
function decisionsIndex(minutes: Y.XmlFragment): number {
  const children = minutes.toArray();
  const at = children.findIndex(
    (node) => node instanceof Y.XmlElement && node.nodeName === 'heading' && plainText(node).trim() === MINUTES_SECTIONS.decisions,
  );
  return at >= 0 ? at : children.length;
}

function plainText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]*>/g, '') : child instanceof Y.XmlElement ? plainText(child) : ''))
    .join('');
}
