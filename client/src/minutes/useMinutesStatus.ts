import { useSyncExternalStore } from 'react';
import type { MinutesStatus } from '@roundtable/shared';
import type { MinutesConnection } from './MinutesConnection';

const nothingToSubscribe = () => () => {};
const unknown = () => null;

/** The minutes' status, live from the server; null until it is known. */
export function useMinutesStatus(connection: MinutesConnection | null): MinutesStatus | null {
  return useSyncExternalStore(connection?.subscribe ?? nothingToSubscribe, connection?.getSnapshot ?? unknown);
}
