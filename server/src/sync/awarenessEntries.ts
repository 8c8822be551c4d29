import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { MalformedMessageError } from './messages.js';
import { isNestedDeeperThan } from './valueDepth.js';

/** One client's entry in an awareness update: its id, its clock and its state as sent (JSON, UTF-8). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Uint8Array;
}

/** UTF-8 of the JSON `null` a client sends for a state it removed. */
const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c];
const utf8 = new TextDecoder();

/**
 * Every entry of an awareness update, without parsing the states. Throws MalformedMessageError on a
 * truncated update or bytes after its last entry: the update is judged whole before any of it is
 * applied (y-protocols applies entries one by one and would keep those before a broken one).
 */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarUint8Array(decoder);
      // lib0 reads an overlong varint as Infinity or NaN, and loops forever writing Infinity back.
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) {
        throw new MalformedMessageError('awareness update: a client id or clock out of range');
      }
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('awareness update: bytes after its last entry');
    return entries;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError('awareness update: truncated');
  }
}

/** The update holding `entries`, as y-protocols encodes one. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint8Array(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Throws MalformedMessageError unless the entry's state is JSON, as y-protocols will parse it, and
 * nested shallowly enough to be written out again (see valueDepth).
 */
export function checkAwarenessState(entry: AwarenessEntry): void {
  let state: unknown;
  try {
    state = JSON.parse(utf8.decode(entry.state));
  } catch {
    throw new MalformedMessageError(`awareness update: the state of client ${entry.clientId} is not JSON`);
  }
  if (isNestedDeeperThan(state)) throw new MalformedMessageError(`awareness update: the state of client ${entry.clientId} is nested too deeply`);
}

/**
 * Whether `applyAwarenessUpdate` would act on the entry: a clock newer than the one known for that
 * client, or a removal at the known clock (y-protocols' rule).
 *
 * A stock y-websocket client sends back every awareness update it receives, unchanged: in a room
 * of 50, each relayed message returns 50 times. Telling those echoes apart by clock alone, without
 * parsing every state in them, keeps them from costing more than the relay itself.
 */
export function isAwarenessNews(awareness: Awareness, entry: AwarenessEntry): boolean {
  const known = awareness.meta.get(entry.clientId)?.clock ?? 0;
  if (entry.clock > known) return true;
  return entry.clock === known && isNull(entry.state) && awareness.states.has(entry.clientId);
}

/** Whether anything in the update is news (see isAwarenessNews). Throws on a truncated update. */
export function hasAwarenessNews(awareness: Awareness, update: Uint8Array): boolean {
  return readAwarenessEntries(update).some((entry) => isAwarenessNews(awareness, entry));
}

/** Whether the entry removes its client's state (its state is JSON `null`). */
export function isRemoval(entry: AwarenessEntry): boolean {
  return isNull(entry.state);
}

function isNull(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && NULL_STATE.every((byte, i) => state[i] === byte);
}
