import type { Question } from '../questions/questionProtocol.js';
import type { SessionInfo } from '../session.js';
import type { TimerState } from '../timer/timerMachine.js';
import type { PMNode } from './prosemirrorJson.js';

/** Someone who was in the session (not a follower), by the name they gave. */
export interface MinutesPerson {
  name: string;
  role: 'moderator' | 'attendee';
  /** Epoch ms of when the server first saw them present. */
  firstSeenAt: number;
}

/**
 * An action item found in the minutes: a task item, a line starting "Action:" or "TODO:", or an
 * item under the "Action items" heading (the rules: `minutesItems.ts`).
 */
export interface ActionItem {
  /** The item's text, without the owner and due-date markers it was found by. */
  text: string;
  /** From "@handle" at the start of the item, or "(owner: Name)" anywhere in it; null where neither. */
  owner: string | null;
  /** ISO date (YYYY-MM-DD) from "due YYYY-MM-DD", "due: YYYY-MM-DD" or "by YYYY-MM-DD", where given. */
  due: string | null;
  done: boolean;
}

export interface Decision {
  text: string;
}

/**
 * Everything an export of a session's minutes is made from: the contract's `json` format is this
 * record as it stands, and every other format is a pure function of it (so they all agree).
 */
export interface MinutesRecord {
  session: SessionInfo;
  /** The breakout room the session ran in, once sessions are scheduled into rooms; null before. */
  room: string | null;
  timer: TimerState;
  /** Moderators and attendees in the order they first appeared. */
  attendees: MinutesPerson[];
  minuteTaker: string | null;
  /** The minutes document as ProseMirror JSON (a `doc` node). */
  minutes: PMNode;
  decisions: Decision[];
  actionItems: ActionItem[];
  /**
   * The questions from afar, oldest first, without their askers' ids; for a follower's token only those
   * inserted into the minutes (the others are between their askers and the room). Only the `json` export shows
   * them: the other formats are made from the minutes document, where inserted ones already are.
   */
  questions: Question[];
  /** The session's own page, for the closing lines of each export; null where unknown. */
  sessionUrl: string | null;
  /** Epoch ms the record stands for: the session's end once it ended, else when it was read. */
  asOf: number;
}
