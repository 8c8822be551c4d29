/** What the projector reads of an awareness state (every field is whatever a peer sent). */
interface AwarenessState {
  role?: unknown;
  presence?: { typeName?: unknown; userId?: unknown; lastActivityTimestamp?: unknown } | null;
}

/**
 * The tldraw user ids of the moderator's open boards, the most recently active first: a moderator
 * may have the session open on a laptop and a tablet, and the one in use is the one to show.
 * Only clients that share a board presence count; the projector's own client never does.
 */
export function moderatorUserIds(states: ReadonlyMap<number, AwarenessState>, selfClientId: number): string[] {
  const found: { userId: string; activeAt: number }[] = [];
  states.forEach((state, clientId) => {
    if (clientId === selfClientId || state.role !== 'moderator') return;
    const presence = state.presence;
    if (!presence || presence.typeName !== 'instance_presence' || typeof presence.userId !== 'string') return;
    const activeAt = typeof presence.lastActivityTimestamp === 'number' ? presence.lastActivityTimestamp : 0;
    found.push({ userId: presence.userId, activeAt });
  });
  return found.sort((a, b) => b.activeAt - a.activeAt).map((m) => m.userId);
}
