import { Box, react, type Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { moderatorBoards, type BoardAwarenessState, type ModeratorBoard } from './moderatorPresence';
import { SummonWatch, nextSummon } from './followPresence';
import { WatchedClients } from './WatchedClients';

/** What the follow bar shows. */
export interface FollowView {
  /** Whether this board goes where the moderator goes: a follower's default, anyone's choice. */
  wanted: boolean;
  /** Whether it does right now (a wanted follow waits while no moderator's board is open). */
  following: boolean;
  /** The moderator's board that would be followed, if one is open. */
  leader: { userId: string; name: string } | null;
  /** On the moderator's board: how many people follow it. */
  followers: number;
}

export interface BoardFollowingOptions {
  /** Followers start out following; people in the room start free. */
  followByDefault: boolean;
  onChange: (view: FollowView) => void;
}

/**
 * Following the moderator on one board, with tldraw's own follow mode (the moderator's camera
 * and screen size come in their board presence, through awareness). Whoever follows can look
 * around: tldraw stops following at the first pan or zoom, and this stays stopped until the person
 * asks again, but survives the moderator's board closing and opening (a reload). A moderator's
 * "bring everyone to me" makes followers follow again and moves everyone else there once.
 * This client tells the others whom it follows in awareness (`following`), which is what the
 * moderator's count reads.
 */
export class BoardFollowing {
  private wanted: boolean;
  private leader: ModeratorBoard | null = null;
  private view: FollowView | null = null;
  /** Set while we switch leaders ourselves: tldraw stops following first, which is no choice of the person's. */
  private switching = false;
  private readonly summons = new SummonWatch();
  /** Whose awareness changes can matter here: most updates (anyone's cursor) cannot. */
  private readonly watched: WatchedClients;
  /** What this client last said in awareness it follows. */
  private said: string | null = null;
  private readonly stopWatching: () => void;

  constructor(
    private readonly editor: Editor,
    private readonly awareness: Awareness,
    private readonly options: BoardFollowingOptions,
  ) {
    this.wanted = options.followByDefault;
    this.summons.check(this.states()); // summons made before we came are not for us
    this.watched = new WatchedClients(awareness.clientID);
    this.watched.noteAll(this.states());
    // Registered after the board's own awareness listener, so presence records are in the store.
    awareness.on('update', this.onAwarenessUpdate);
    const stopReacting = react('follow state', () => {
      const followingUserId = editor.getInstanceState().followingUserId;
      this.onFollowingChanged(followingUserId);
    });
    this.stopWatching = () => {
      awareness.off('update', this.onAwarenessUpdate);
      stopReacting();
    };
    this.sync();
  }

  /** Follow the moderator again (or for the first time). */
  follow(): void {
    this.wanted = true;
    this.sync();
  }

  stopFollowing(): void {
    this.wanted = false;
    if (this.editor.getInstanceState().followingUserId !== null) this.editor.stopFollowingUser();
    this.sync();
  }

  /** The moderator's "bring everyone to me". */
  bringEveryone(): void {
    const state = this.awareness.getLocalState() as BoardAwarenessState | null;
    this.awareness.setLocalStateField('summon', nextSummon(state?.summon, Date.now()));
  }

  destroy(): void {
    this.stopWatching();
    if (this.awareness.getLocalState()) this.awareness.setLocalStateField('following', null);
  }

  private states(): Map<number, BoardAwarenessState> {
    return this.awareness.getStates() as Map<number, BoardAwarenessState>;
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: AwarenessChange): void => {
    const changed = [...added, ...updated, ...removed];
    if (this.watched.concerns(this.states(), changed) || this.ownFollowingChanged(changed)) this.sync();
  };

  /**
   * Our own state matters only when its `following` is not what we last said: the state was set
   * anew, or someone else wrote the field. Our own cursor, moving every frame, does not.
   */
  private ownFollowingChanged(changed: readonly number[]): boolean {
    if (!changed.includes(this.awareness.clientID)) return false;
    const local = this.awareness.getLocalState() as BoardAwarenessState | null;
    return local !== null && (local.following ?? null) !== this.said;
  }

  private sync(): void {
    const states = this.states();
    this.watched.noteAll(states);
    const present = new Set(this.editor.getCollaborators().map((c) => c.userId));
    const boards = moderatorBoards(states, this.awareness.clientID).filter((b) => present.has(b.userId));
    this.leader = boards[0] ?? null;
    for (const clientId of this.summons.check(states)) {
      const summoner = boards.find((b) => b.clientId === clientId);
      if (!summoner) continue;
      if (this.wanted || this.options.followByDefault) {
        this.wanted = true;
        this.leader = summoner;
      } else {
        this.jumpTo(summoner.userId);
      }
    }
    const current = this.editor.getInstanceState().followingUserId;
    if (this.wanted && this.leader && current !== this.leader.userId) {
      this.switching = true;
      try {
        this.editor.startFollowingUser(this.leader.userId);
      } finally {
        this.switching = false;
      }
    }
    this.report();
  }

  private onFollowingChanged(followingUserId: string | null): void {
    // tldraw stopped following while the moderator's board is still there: the person panned or
    // zoomed to look around. (When the board went away, there is no leader and we wait for it.)
    if (followingUserId === null && this.wanted && !this.switching && this.leader && this.leaderPresent()) {
      this.wanted = false;
    }
    this.report();
  }

  private leaderPresent(): boolean {
    const userId = this.leader?.userId;
    return this.editor.getCollaborators().some((c) => c.userId === userId);
  }

  /** Moves this board once onto what `userId` sees, without following it. */
  private jumpTo(userId: string): void {
    const presence = this.editor.getCollaborators().find((c) => c.userId === userId);
    if (!presence?.camera || !presence.screenBounds) return;
    const { x, y, z } = presence.camera;
    const { w, h } = presence.screenBounds;
    this.editor.zoomToBounds(new Box(-x, -y, w / z, h / z), { inset: 0, animation: { duration: 300 } });
  }

  private report(): void {
    const followingUserId = this.editor.getInstanceState().followingUserId;
    const following = followingUserId !== null && followingUserId === this.leader?.userId;
    const local = this.awareness.getLocalState() as BoardAwarenessState | null;
    const say = following ? followingUserId : null;
    this.said = say;
    if (local && (local.following ?? null) !== say) this.awareness.setLocalStateField('following', say);
    const view: FollowView = {
      wanted: this.wanted,
      following,
      leader: this.leader ? { userId: this.leader.userId, name: this.leader.name } : null,
      followers: this.watched.followerCount,
    };
    if (this.view && sameView(this.view, view)) return;
    this.view = view;
    this.options.onChange(view);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function sameView(a: FollowView, b: FollowView): boolean {
  return (
    a.wanted === b.wanted &&
    a.following === b.following &&
    a.followers === b.followers &&
    a.leader?.userId === b.leader?.userId &&
    a.leader?.name === b.leader?.name
  );
}
