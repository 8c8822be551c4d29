import * as Y from 'yjs';
import { MalformedMessageError } from './messages.js';
import { isNestedDeeperThan } from './valueDepth.js';

/**
 * Throws MalformedMessageError unless a client's Yjs update is one the room can apply and write out
 * again: decodable, every client id, clock and length a safe integer, and no value nested deeper
 * than MAX_VALUE_DEPTH.
 *
 * Yjs trusts the numbers in an update. lib0 reads an overlong varint as Infinity or NaN without
 * complaint, Yjs integrates a struct of client Infinity, and the next write of that number (the
 * update the room stores, a state vector, the snapshot) loops forever in `writeVarUint`: one
 * 150-byte message would hang the server. Numbers past 2^53 lose precision in Yjs's clock arithmetic.
 * Deep values parse but cannot be written back (see valueDepth). Checked on decoding alone, before
 * the update touches the document: applying cannot be undone.
 */
export function checkUpdate(update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    // Includes a stack overflow on a deeply nested "any" value: it is the update's fault too.
    throw new MalformedMessageError('document update: undecodable');
  }
  for (const struct of decoded.structs) {
    checkRange(struct.id.client, struct.id.clock, struct.length);
    if (!(struct instanceof Y.Item)) continue;
    if (struct.origin) checkId(struct.origin);
    if (struct.rightOrigin) checkId(struct.rightOrigin);
    if (struct.parent instanceof Y.ID) checkId(struct.parent);
    if (contentIsTooDeep(struct.content)) {
      throw new MalformedMessageError(`document update: a value of client ${struct.id.client} is nested too deeply`);
    }
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) checkRange(client, clock, len);
  }
}

function checkId(id: Y.ID): void {
  checkRange(id.client, id.clock, 0);
}

/** A client id and a clock range [clock, clock + length) that Yjs can count with exactly. */
function checkRange(client: number, clock: number, length: number): void {
  if (Number.isSafeInteger(client) && client >= 0 && Number.isSafeInteger(clock) && clock >= 0 && Number.isSafeInteger(length) && length >= 0) {
    if (Number.isSafeInteger(clock + length)) return;
  }
  throw new MalformedMessageError('document update: a client id, clock or length out of range');
}

/** Whether an item's content holds a value nested too deeply to be written back. */
function contentIsTooDeep(content: Y.Item['content']): boolean {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr.some((value) => isNestedDeeperThan(value));
  if (content instanceof Y.ContentEmbed) return isNestedDeeperThan(content.embed);
  if (content instanceof Y.ContentFormat) return isNestedDeeperThan(content.value);
  if (content instanceof Y.ContentDoc) return isNestedDeeperThan(content.opts);
  return false;
}
