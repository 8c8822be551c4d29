/** What following reads of an awareness state (every field is whatever a peer sent). */
export interface BoardAwarenessState {
  role?: unknown;
  user?: { name?: unknown } | null;
  presence?: { typeName?: unknown; userId?: unknown; userName?: unknown; lastActivityTimestamp?: unknown } | null;
  /** The tldraw user id of the board this client follows now, or null. */
  following?: unknown;
  /** A moderator's "bring everyone to me": a number that grows with every call. */
  summon?: unknown;
}

/** A moderator's open board: whom followers follow. */
export interface ModeratorBoard {
  clientId: number;
  userId: string;
  name: string;
  activeAt: number;
}

/**
 * The moderator's open boards, the most recently active first: a moderator may have the session
 * open on a laptop and a tablet, and the one in use is the one to show. Only clients that share
 * a board presence count; the asking client itself never does. The role is the server's word:
 * it overwrites whatever role a client claims in awareness.
 */
export function moderatorBoards(states: ReadonlyMap<number, BoardAwarenessState>, selfClientId: number): ModeratorBoard[] {
  const found: ModeratorBoard[] = [];
  states.forEach((state, clientId) => {
    if (clientId === selfClientId || state.role !== 'moderator') return;
    const presence = state.presence;
    if (!presence || presence.typeName !== 'instance_presence' || typeof presence.userId !== 'string') return;
    const activeAt = typeof presence.lastActivityTimestamp === 'number' ? presence.lastActivityTimestamp : 0;
    const name = typeof state.user?.name === 'string' ? state.user.name : typeof presence.userName === 'string' ? presence.userName : 'the moderator';
    found.push({ clientId, userId: presence.userId, name, activeAt });
  });
  return found.sort((a, b) => b.activeAt - a.activeAt);
}

/** The tldraw user ids of the moderator's open boards, the most recently active first. */
export function moderatorUserIds(states: ReadonlyMap<number, BoardAwarenessState>, selfClientId: number): string[] {
  return moderatorBoards(states, selfClientId).map((board) => board.userId);
}
