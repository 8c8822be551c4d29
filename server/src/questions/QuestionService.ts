import { randomBytes } from 'node:crypto';
import {
  QUESTIONS_OPEN_MAX,
  QUESTIONS_OPEN_PER_ASKER_MAX,
  QUESTIONS_PER_SESSION_MAX,
  type AskAck,
  type AskCommand,
  type MarkAck,
  type MarkCommand,
  type MinutesStatus,
  type Question,
  type QuestionStatus,
  type Role,
  type TimerState,
} from '@roundtable/shared';
import type { QuestionAdd, QuestionMove, SessionRecord, Storage, StoredQuestion } from '../storage/index.js';
import { AskLimiter } from './askLimiter.js';
import { publicQuestion } from './publicQuestion.js';

/** Who is at the other end of a control connection, as its handshake says (already validated). */
export interface ConnectionIdentity {
  /** The display name the person joined with, trimmed; how the minute-taker is recognised. Self-declared. */
  name?: string | undefined;
  /** The random id the browser keeps for its questions (ASKER_ID_PATTERN). */
  askerId?: string | undefined;
  /** The remote address, for the per-address limit. */
  address: string;
  /** Names the connection, for the per-asker limit of one that has no askerId. */
  connectionId: string;
}

/** Where the minute-taker is known: MinutesService. */
export interface MinuteTakerSource {
  status(sessionId: string): Promise<Pick<MinutesStatus, 'minuteTaker'>>;
}

/** Where the session's phase is known (TimerService): questions close when it has ended. */
export interface SessionPhaseSource {
  state(session: SessionRecord): Promise<Pick<TimerState, 'phase'>>;
}

/** `askerId`: to route the change to the asker's own connections; never sent. */
export type QuestionChangeListener = (sessionId: string, question: Question, askerId: string | null) => void;

export interface QuestionServiceOptions {
  now?: () => number;
  limiter?: AskLimiter;
}

/** 96 random bits: ids are public, and must not be guessable by another session's people. */
const newQuestionId = () => randomBytes(12).toString('base64url');

/** What a follower is told when a bound of the queue refuses its question. */
const QUEUE_FULL_MESSAGES: Record<Exclude<QuestionAdd, 'added'>, string> = {
  'session-full': `This session has taken its ${QUESTIONS_PER_SESSION_MAX.toLocaleString('en-US')} questions; no more can be asked.`,
  'open-full': `The moderator's queue is full (${QUESTIONS_OPEN_MAX} questions waiting); try again later.`,
  'asker-full': `You have ${QUESTIONS_OPEN_PER_ASKER_MAX} questions waiting; you can ask more once the moderator has taken some up.`,
};

/**
 * Questions from afar: followers ask, the moderator and the minute-taker work through the queue.
 * Stored with the session (never in the minutes document: the browser inserts a question there
 * itself, and the queue only records that it did, once). Only the process that made a change
 * announces it; the control plane's adapter takes it to the other processes' clients.
 */
export class QuestionService {
  private readonly listeners = new Set<QuestionChangeListener>();
  private readonly now: () => number;
  private readonly limiter: AskLimiter;

  constructor(
    private readonly storage: Storage,
    private readonly minutes: MinuteTakerSource,
    private readonly timers: SessionPhaseSource,
    options: QuestionServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new AskLimiter(this.now);
  }

  onChange(listener: QuestionChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ask(session: SessionRecord, role: Role, identity: ConnectionIdentity, command: AskCommand): Promise<AskAck> {
    if (role !== 'follower') {
      return { ok: false, error: 'forbidden', message: 'Questions are for remote participants; in the room, just ask.' };
    }
    // The moderator may still insert questions into the minutes afterwards: only asking closes.
    if ((await this.timers.state(session)).phase === 'ended') {
      return { ok: false, error: 'forbidden', message: 'The session has ended; questions are closed.' };
    }
    const asker = identity.askerId ? `asker:${identity.askerId}` : `connection:${identity.connectionId}`;
    const verdict = this.limiter.tryAsk(session.id, asker, identity.address);
    if (!verdict.ok) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      return { ok: false, error: 'rate-limited', message: `You can ask again in ${seconds} s.`, retryAfterMs: verdict.retryAfterMs };
    }
    // The command is as askSchema leaves it: names and texts cleaned of control characters, well-formed.
    const question: StoredQuestion = {
      id: newQuestionId(),
      name: command.name,
      text: command.text,
      askedAt: this.now(),
      status: 'open',
      handledAt: null,
      askerId: identity.askerId ?? null,
    };
    const added = await this.storage.addQuestion(session.id, question, {
      perSession: QUESTIONS_PER_SESSION_MAX,
      openPerSession: QUESTIONS_OPEN_MAX,
      asker,
      openPerAsker: QUESTIONS_OPEN_PER_ASKER_MAX,
    });
    if (added !== 'added') return { ok: false, error: 'queue-full', message: QUEUE_FULL_MESSAGES[added] };
    return { ok: true, question: this.announce(session.id, question) };
  }

  /** The moderator, or the minute-taker (an attendee who joined under that name), moves a question. */
  async mark(session: SessionRecord, role: Role, name: string | undefined, command: MarkCommand): Promise<MarkAck> {
    if (!(await this.mayHandle(session.id, role, name))) {
      return { ok: false, error: 'forbidden', message: 'Only the moderator and the minute-taker handle questions.' };
    }
    const move = await this.storage.moveQuestion(session.id, command.id, command.status, this.now());
    if ('error' in move) return { ok: false, error: move.error, message: refusalMessage(move, command.status) };
    return { ok: true, question: this.announce(session.id, move.question) };
  }

  /** What a connection is shown: everything to a seat, a follower only what it asked itself. */
  async list(sessionId: string, role: Role, askerId: string | undefined): Promise<Question[]> {
    if (role === 'follower' && !askerId) return [];
    const stored = await this.storage.listQuestions(sessionId);
    const visible = role === 'follower' ? stored.filter((question) => question.askerId === askerId) : stored;
    return visible.map(publicQuestion);
  }

  private async mayHandle(sessionId: string, role: Role, name: string | undefined): Promise<boolean> {
    if (role === 'moderator') return true;
    if (role !== 'attendee' || !name) return false;
    const { minuteTaker } = await this.minutes.status(sessionId);
    return minuteTaker !== null && name.trim() === minuteTaker;
  }

  private announce(sessionId: string, question: StoredQuestion): Question {
    const shown = publicQuestion(question);
    for (const listener of this.listeners) listener(sessionId, shown, question.askerId);
    return shown;
  }
}

function refusalMessage(move: Extract<QuestionMove, { error: string }>, to: QuestionStatus): string {
  const from = move.question?.status;
  if (move.error === 'not-found' || !from) return 'There is no such question in this session.';
  if (from === to) return `The question is ${to} already.`;
  if (from === 'inserted') return 'The question is in the minutes already; it stays there.';
  return `A question that is ${from} cannot be marked ${to}${to === 'inserted' ? '; reopen it first' : ''}.`;
}
