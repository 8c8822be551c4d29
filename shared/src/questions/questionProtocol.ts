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
/**
 * Open questions a session has at once at most: the moderator's queue, which one person must not
 * be able to fill for everyone. Taking one up (answered, dismissed, inserted) frees its place.
 */
export const QUESTIONS_OPEN_MAX = 50;
/** Open questions one asker (its askerId, or its connection without one) has at once at most. */
export const QUESTIONS_OPEN_PER_ASKER_MAX = 10;
/** Questions a session keeps at most, whatever their status: a bound on what is stored, not a queue. */
export const QUESTIONS_PER_SESSION_MAX = 1_000;

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

/**
 * Lone UTF-16 surrogates (which JSON accepts and UTF-8 cannot carry) become U+FFFD, so what is
 * stored reads back the same from SQLite and from Redis.
 */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A display name as shown beside a question: one line. Whitespace controls (tab, newline...)
 * are spaces, other control characters (C0, DEL, C1) are dropped, and every run of whitespace is
 * one space, so a name cannot break the queue's layout or a line of the minutes.
 */
export function cleanQuestionName(value: string): string {
  return wellFormed(value)
    .replace(/\p{Cc}/gu, (control) => (/\s/.test(control) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A question's text: line breaks (`\r\n` and a lone `\r` become `\n`) and tabs stay, as the asker
 * typed them; every other control character (C0, DEL, C1) is dropped.
 */
export function cleanQuestionText(value: string): string {
  return wellFormed(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
}

/** Names and texts are cleaned before they are measured: one that is nothing but controls is empty. */
export const askSchema = z.strictObject({
  name: z.string().overwrite(cleanQuestionName).min(1, 'a name is needed').max(QUESTION_NAME_MAX_LENGTH),
  text: z
    .string()
    .overwrite(cleanQuestionText)
    .min(1, 'the question is empty')
    .max(QUESTION_MAX_LENGTH, `at most ${QUESTION_MAX_LENGTH} characters`),
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
