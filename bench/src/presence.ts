import type { WebsocketProvider } from 'y-websocket';

/**
 * Sets a client's awareness as Roundtable's own client does on opening a workspace (its role,
 * and the board's and editor's user fields), or clears it. A stock provider's default state `{}`
 * sits at clock 0, which y-protocols ignores: such a client would first appear 15 s after it
 * connected, with its first renewal, and all of them at once, unlike any real client.
 */
export function setPresence(provider: WebsocketProvider, name: string | null, role: 'attendee' | 'follower' = 'attendee'): void {
  if (name === null) {
    provider.awareness.setLocalState(null);
    return;
  }
  provider.awareness.setLocalState({ role, user: { name, color: colorOf(name) } });
}

function colorOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 45%)`;
}
