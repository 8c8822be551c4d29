import { z } from 'zod';

/**
 * Questions from afar: followers post a short question or comment; the moderator and the
 * minute-taker work through them as a queue. Carried by the control plane (socket.io), stored
 * with the session, never part of the minutes document unless someone inserts one.
 */

/** Longest question, in characters (after trimming): a tweet and a half, not an essay. */
export const QUESTION_MAX_LENGTH = 500;
/** Longest display name shown beside a question. */
export const QUESTION_NAME_MAX_LENGTH = 80;
/** Questions a session keeps at most, answered and dismissed ones included. */
export const QUESTIONS_PER_SESSION_MAX = 300;

export const QUESTION_STATUSES = ['open', 'answered', 'dismissed', 'inserted'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** A question as everyone who may see it gets it (the asker's private id is never sent). */
export interface Question {
  id: string;
  /** The asker's display name, as they gave it. */
  name: string;
  text: string;
  /** Epoch ms, server clock. */
  askedAt: number;
  status: QuestionStatus;
  /** Epoch ms of the last status change; null while open and never handled. */
  handledAt: number | null;
}

/** socket.io, follower -> server: `{ name, text }`, with an ack (`AskAck`). */
export const QUESTION_ASK_EVENT = 'questions:ask';
/** socket.io, moderator or minute-taker -> server: `{ id, status }`, with an ack (`MarkAck`). */
export const QUESTION_MARK_EVENT = 'questions:mark';
/**
 * socket.io, server -> client, on connect: `QuestionList`. The moderator and attendees get every
 * question of the session; a follower gets the ones asked under its `askerId`.
 */
export const QUESTION_LIST_EVENT = 'questions:list';
/** socket.io, server -> client: one `Question` that was asked or changed, to the same audience. */
export const QUESTION_CHANGED_EVENT = 'questions:changed';

export interface QuestionList {
  sessionId: string;
  /** Oldest first. */
  questions: Question[];
}

export const askSchema = z.strictObject({
  name: z.string().trim().min(1, 'a name is needed').max(QUESTION_NAME_MAX_LENGTH),
  text: z.string().trim().min(1, 'the question is empty').max(QUESTION_MAX_LENGTH, `at most ${QUESTION_MAX_LENGTH} characters`),
});
export type AskCommand = z.infer<typeof askSchema>;

export const markSchema = z.strictObject({
  id: z.string().min(1).max(100),
  status: z.enum(QUESTION_STATUSES),
});
export type MarkCommand = z.infer<typeof markSchema>;

export type AskError = 'forbidden' | 'invalid-command' | 'rate-limited' | 'queue-full' | 'server-error';
export type AskAck =
  | { ok: true; question: Question }
  | { ok: false; error: AskError; message: string; /** With `rate-limited`: when asking works again. */ retryAfterMs?: number };

export type MarkError = 'forbidden' | 'invalid-command' | 'not-found' | 'invalid-transition' | 'server-error';
export type MarkAck = { ok: true; question: Question } | { ok: false; error: MarkError; message: string };

/**
 * The socket.io handshake's `auth`: the token, plus what the questions need. `name` is the display
 * name the person joined with (the minute-taker is named by it); `askerId` is a random id the
 * browser keeps, so a follower sees its own questions again after a reload.
 */
export interface ControlAuth {
  token: string;
  name?: string;
  askerId?: string;
}

/** What an `askerId` must look like: random, URL-safe, long enough not to be guessed. */
export const ASKER_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
