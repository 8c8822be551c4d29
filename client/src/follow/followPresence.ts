import type { BoardAwarenessState } from './moderatorPresence';

/**
 * Tells when a moderator asks to "bring everyone to me". The request is a number in the
 * moderator's awareness that grows with every click; what counts is a change seen here, so a
 * person who joins later is not moved by a click made before they came.
 */
export class SummonWatch {
  private readonly seen = new Map<number, number>();

  /** The client ids of moderators who summoned since the last call. */
  check(states: ReadonlyMap<number, BoardAwarenessState>): number[] {
    const summoned: number[] = [];
    for (const clientId of this.seen.keys()) if (!states.has(clientId)) this.seen.delete(clientId);
    states.forEach((state, clientId) => {
      if (state.role !== 'moderator') return;
      // A moderator who never summoned is on record too: their first summon is news.
      const summon = typeof state.summon === 'number' && Number.isFinite(state.summon) ? state.summon : Number.NEGATIVE_INFINITY;
      const before = this.seen.get(clientId);
      this.seen.set(clientId, summon);
      if (before !== undefined && summon > before) summoned.push(clientId);
    });
    return summoned;
  }
}

/** The next value of a moderator's `summon`: now, and always above the last one. */
export function nextSummon(previous: unknown, now: number): number {
  return typeof previous === 'number' && previous >= now ? previous + 1 : now;
}
