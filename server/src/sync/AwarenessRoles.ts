import { equalityDeep } from 'lib0/function';
import type { Role } from '@roundtable/shared';

/** One client's awareness state, as y-protocols holds it (parsed JSON from the client). */
type AwarenessState = Record<string, unknown>;

/**
 * The roles in a room's awareness states. A client's state carries its `role` (the web app sets it,
 * and every projector follows whoever says `moderator`), but only the token tells what a connection
 * is: the room stamps its connection's role on each state that connection changes, and then tells
 * followers' states apart by that role (another process's states were stamped there).
 */
export class AwarenessRoles {
  private readonly followers = new Set<number>();
  /**
   * States whose role had to be corrected, as corrected. A client that keeps sending another role,
   * or none (a stock y-websocket client), differs from what the room holds on every 15 s renewal;
   * comparing with what it was stamped to tells such a renewal from a change.
   */
  private readonly corrected = new Map<number, AwarenessState>();

  /**
   * Sets `role` on the state of `clientId` that a connection with that role just changed (as
   * y-protocols judged it). Returns false when, stamped, the state is the one stamped before:
   * a renewal after all.
   */
  stamp(states: Map<number, AwarenessState>, clientId: number, role: Role): boolean {
    let state = states.get(clientId);
    if (state === undefined) return true;
    if (state.role === role) {
      this.corrected.delete(clientId);
      return true;
    }
    if (typeof state === 'object' && state !== null && !Array.isArray(state)) state.role = role;
    // No real client sends a state that is not an object; one holding only the role stands in.
    else states.set(clientId, (state = { role }));
    const before = this.corrected.get(clientId);
    this.corrected.set(clientId, state);
    return before === undefined || !equalityDeep(before, state);
  }

  /**
   * Whether the changed state of `clientId` (undefined once removed) is a follower's, by the role it
   * carries; a removed state counts as what it was, and is forgotten.
   */
  sortOut(clientId: number, state: AwarenessState | undefined): boolean {
    if (state === undefined) {
      this.corrected.delete(clientId);
      return this.followers.delete(clientId);
    }
    const follower = state.role === 'follower';
    if (follower) this.followers.add(clientId);
    else this.followers.delete(clientId);
    return follower;
  }

  isFollower(clientId: number): boolean {
    return this.followers.has(clientId);
  }
}
