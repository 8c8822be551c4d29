import type { BoardAwarenessState } from './moderatorPresence';

/**
 * The awareness clients whose changes can change what following shows on one board: the
 * moderators (whom to follow, their summons) and the clients that follow this board (the
 * moderator's "N follow your view"). Every cursor frame of anyone is an awareness update, and a
 * session may have 500 followers: an update of nobody watched is passed over after a look at the
 * changed states alone.
 */
export class WatchedClients {
  private readonly moderators = new Set<number>();
  /** The clients whose `following` names this board, as last noted. */
  private readonly followers = new Set<number>();
  private readonly selfUserId: string;

  /** `selfClientId` is this board's client; its tldraw user id is the same number, as a string. */
  constructor(private readonly selfClientId: number) {
    this.selfUserId = String(selfClientId);
  }

  /** How many clients follow this board, as last noted. */
  get followerCount(): number {
    return this.followers.size;
  }

  /** Notes the moderators and this board's followers from all the states. */
  noteAll(states: ReadonlyMap<number, BoardAwarenessState>): void {
    this.moderators.clear();
    this.followers.clear();
    states.forEach((state, clientId) => {
      if (clientId === this.selfClientId) return;
      if (state.role === 'moderator') this.moderators.add(clientId);
      if (state.following === this.selfUserId) this.followers.add(clientId);
    });
  }

  /**
   * Whether a change of these clients (not this one) can matter: a moderator's state, now or when
   * last noted (one that left), or a client that started or stopped following this board. Their
   * other changes (an attendee's cursor, a follower's renewal) cannot.
   */
  concerns(states: ReadonlyMap<number, BoardAwarenessState>, changed: readonly number[]): boolean {
    return changed.some((clientId) => {
      if (clientId === this.selfClientId) return false;
      const state = states.get(clientId);
      if (this.moderators.has(clientId) || state?.role === 'moderator') return true;
      return (state?.following === this.selfUserId) !== this.followers.has(clientId);
    });
  }
}
