import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';

/** UTF-8 of the JSON `null` a client sends for a state it removed. */
const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c];

/**
 * Whether an awareness update holds anything `applyAwarenessUpdate` would act on: a clock newer
 * than the one known for that client, or a removal at the known clock (y-protocols' rule).
 *
 * A stock y-websocket client sends back every awareness update it receives, unchanged: in a room
 * of 50, each relayed message returns 50 times. Telling those echoes apart by clock alone, without
 * decoding and parsing every state in them, keeps them from costing more than the relay itself.
 * Throws on a truncated update, as applying it would.
 */
export function hasAwarenessNews(awareness: Awareness, update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const stateLength = decoding.readVarUint(decoder);
    const state = decoding.readUint8Array(decoder, stateLength);
    const known = awareness.meta.get(clientId)?.clock ?? 0;
    if (clock > known) return true;
    if (clock === known && isNull(state) && awareness.states.has(clientId)) return true;
  }
  return false;
}

function isNull(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && NULL_STATE.every((byte, i) => state[i] === byte);
}
