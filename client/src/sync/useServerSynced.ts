import { useCallback, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/**
 * Whether the document has everything the server has (y-websocket's `synced`, which turns false
 * again when the connection drops). Until then, something missing from it may just not be here yet.
 */
export function useServerSynced(provider: WebsocketProvider | undefined): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!provider) return () => {};
      provider.on('sync', onChange);
      return () => provider.off('sync', onChange);
    },
    [provider],
  );
  return useSyncExternalStore(subscribe, () => provider?.synced ?? false);
}
