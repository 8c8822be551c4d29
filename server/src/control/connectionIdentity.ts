import { ASKER_ID_PATTERN, MAX_NAME_LENGTH } from '@roundtable/shared';
import type { ConnectionIdentity } from '../questions/index.js';

/**
 * Who a control connection is, from its handshake (`ControlAuth` besides the token). The name and
 * the askerId are hints for the questions, not credentials: one that does not pass is ignored,
 * never a failed handshake, so a client that sends none (or a name too long) still gets the timer.
 */
export function connectionIdentity(auth: unknown, address: string, connectionId: string): ConnectionIdentity {
  const { name, askerId } = typeof auth === 'object' && auth !== null ? (auth as { name?: unknown; askerId?: unknown }) : {};
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return {
    // The minute-taker is named by a nomination, which takes at most MAX_NAME_LENGTH characters.
    name: trimmed.length > 0 && trimmed.length <= MAX_NAME_LENGTH ? trimmed : undefined,
    askerId: typeof askerId === 'string' && ASKER_ID_PATTERN.test(askerId) ? askerId : undefined,
    address,
    connectionId,
  };
}
