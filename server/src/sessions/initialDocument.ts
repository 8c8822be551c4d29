import * as Y from 'yjs';
import { DOCUMENT_LAYOUT, minutesTemplate, type PMNode, type TemplateSession } from '@roundtable/shared';

/**
 * The first update of a new session's document: the minutes template. Written by the server when
 * the session is created, so it exists exactly once whoever connects first.
 */
export function initialDocumentUpdate(session: TemplateSession): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOCUMENT_LAYOUT.minutes);
  doc.transact(() => fragment.insert(0, toYjs(minutesTemplate(session).content ?? [])));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * ProseMirror JSON to the Yjs types y-prosemirror reads: a node is a Y.XmlElement named after its
 * type with its attrs as attributes; a run of text nodes is one Y.XmlText whose marks are
 * formatting attributes (mark name -> mark attrs).
 */
function toYjs(nodes: PMNode[]): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  let run: PMNode[] = [];
  const flushText = () => {
    if (run.length === 0) return;
    const yText = new Y.XmlText();
    yText.applyDelta(
      run.map((node) => ({
        insert: node.text ?? '',
        attributes: Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}])),
      })),
    );
    out.push(yText);
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      run.push(node);
      continue;
    }
    flushText();
    const element = new Y.XmlElement(node.type);
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value !== null && value !== undefined) element.setAttribute(key, value as string);
    }
    element.insert(0, toYjs(node.content ?? []));
    out.push(element);
  }
  flushText();
  return out;
}
