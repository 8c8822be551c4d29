import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import type { TLRecord } from 'tldraw';

/**
 * Where the whiteboard lives in the session document. Records are kept in a YKeyValue (an array
 * of { key, val }) rather than a Y.Map: a Y.Map keeps every overwritten value of a key forever,
 * and tldraw rewrites a shape on every drag step.
 */
export const BOARD_LAYOUT = {
  /** Y.Array<{ key: record id, val: TLRecord }> */
  records: 'tldraw',
  /** Y.Map: `schema` holds the tldraw schema the records were written with. */
  meta: 'tldraw_meta',
} as const;

export function boardRecords(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue(doc.getArray<{ key: string; val: TLRecord }>(BOARD_LAYOUT.records));
}

export function boardMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(BOARD_LAYOUT.meta);
}
