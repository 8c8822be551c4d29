import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

export type IncomingMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** `syncStep2`: the client's answer to the server's sync step 1, carrying everything the server lacked. */
  | { kind: 'document-update'; update: Uint8Array; syncStep2: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

export class MalformedMessageError extends Error {}

/** Decodes one websocket frame of the y-websocket protocol; throws MalformedMessageError otherwise. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SYNC.step1) return { kind: 'sync-step1', stateVector: payload };
        // Step 2 and update carry the same thing: a Yjs update to apply.
        if (syncType === SYNC.step2 || syncType === SYNC.update) {
          return { kind: 'document-update', update: payload, syncStep2: syncType === SYNC.step2 };
        }
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      case MESSAGE.awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE.queryAwareness:
        return { kind: 'query-awareness' };
      case MESSAGE.auth:
        return { kind: 'auth' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError('truncated or undecodable message');
  }
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SYNC.step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SYNC.step2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(SYNC.update, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
