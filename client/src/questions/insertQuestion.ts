import * as Y from 'yjs';
import { DOCUMENT_LAYOUT, MINUTES_SECTIONS, type Question } from '@roundtable/shared';

/** The words before a question in the minutes; the name is the one its asker gave. */
export function questionLead(question: Pick<Question, 'name'>): string {
  return `Question from ${question.name} (remote):`;
}

/**
 * Writes a question into the minutes, as a paragraph with its asker's name in bold, at the end
 * of the discussion (before the "Decisions" heading, or at the end when there is none). Straight
 * into the Yjs document, as y-prosemirror stores a paragraph: every editor shows it at once, and
 * it needs no editor of ours to be open or focused.
 */
export function insertQuestion(doc: Y.Doc, question: Pick<Question, 'name' | 'text'>): void {
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
