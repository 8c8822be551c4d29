import {
  extractMinutesItems,
  type MinutesRecord,
  type MinutesSent,
  type MinutesStatus,
  type SessionInfo,
  type NominateAck,
  type Role,
  type TimerState,
} from '@roundtable/shared';
import type { SessionRecord, Storage } from '../storage/index.js';
import type { TimerService } from '../timer/index.js';
import { readMinutesContent } from './minutesDocument.js';
import { composeMinutesEmail, type ComposedEmail } from './minutesEmail.js';
import { minutesText } from './minutesFormats.js';
import { MailRefusedError, type MailSender, type SmtpMailer } from '../mail/index.js';
import { exportedQuestions } from '../questions/index.js';
import { logger } from '../log/index.js';

const log = logger.child({ component: 'minutes' });

export interface MinutesServiceOptions {
  /** Base of the session links written into the minutes. */
  publicUrl: string;
  sender: MailSender;
  /** Null without SMTP_URL: exports work, sending answers 503. */
  mailer: SmtpMailer | null;
}

export interface MinutesEmail extends ComposedEmail {
  from: string;
  to: string[];
  text: string;
}

type StatusListener = (sessionId: string, status: MinutesStatus) => void;

/** Why a posting could not happen, as the HTTP layer answers it. */
export interface SendRequest {
  to?: string | undefined;
  /** The reviewed preview's Message-ID: sent only if the message is still that one. */
  messageId?: string | undefined;
  /** The reviewed preview's moment (its Date), for a session still running. */
  asOf?: number | undefined;
}

export class MinutesSendError extends Error {
  constructor(
    readonly reason: 'no-smtp' | 'no-recipient' | 'refused' | 'changed' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The minutes as they leave Roundtable: the record every export is made from, the mailing-list
 * message, posting it, and who takes the minutes. Reads what is stored, so any process answers
 * the same; only the process that made a change announces it (the control plane's adapter takes
 * it to the others' clients).
 */
export class MinutesService {
  private readonly listeners = new Set<StatusListener>();
  /** Sessions whose minutes this process is posting right now. */
  private readonly sending = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly timers: TimerService,
    private readonly options: MinutesServiceOptions,
  ) {}

  get canSend(): boolean {
    return this.options.mailer !== null;
  }

  onChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `reader`: whose token asks, which decides the questions shown (`exportedQuestions`). `asOf`:
   * the moment a running session's minutes are read as of (a preview being sent); the end of the
   * session once it ended, whatever is asked.
   */
  async record(session: SessionRecord, reader: Role, asOf?: number): Promise<MinutesRecord> {
    // Questions straight from storage, like everything here: QuestionService itself asks this
    // service who takes the minutes.
    const [stored, timer, state, questions] = await Promise.all([
      this.storage.loadDocument(session.id),
      this.timers.state(session),
      this.storage.loadMinutesState(session.id),
      this.storage.listQuestions(session.id),
    ]);
    const { minutes, attendees } = readMinutesContent(stored);
    return {
      session: exportedSession(session),
      room: session.slot?.roomName ?? null,
      timer,
      attendees,
      minuteTaker: state.minuteTaker,
      minutes,
      ...extractMinutesItems(minutes),
      questions: exportedQuestions(questions, reader),
      sessionUrl: `${this.options.publicUrl}/s/${session.id}`,
      asOf: endedAt(timer) ?? asOf ?? Date.now(),
    };
  }

  /** The message as it would be posted now: to `to`, or else to the session's mailing list. */
  async email(session: SessionRecord, to?: string, asOf?: number): Promise<MinutesEmail> {
    // Read as the public would: the message goes to a list (it shows no questions in any case).
    const [record, board] = await Promise.all([this.record(session, 'follower', asOf), this.boardImage(session.id)]);
    const recipients = to ? [to] : session.mailingList ? [session.mailingList] : [];
    const text = minutesText(record);
    const { from, domain } = this.options.sender;
    const composed = await composeMinutesEmail({ record, text, from, to: recipients, board, domain });
    return { ...composed, from, to: recipients, text };
  }

  /**
   * Posts the minutes and only then records the posting: a refusal or an unreachable server
   * leaves nothing marked as sent.
   */
  async send(session: SessionRecord, request: SendRequest = {}): Promise<MinutesSent> {
    const mailer = this.options.mailer;
    if (!mailer) throw new MinutesSendError('no-smtp', 'this server has no SMTP server configured (SMTP_URL): download the .eml and send it yourself');
    // One posting per session at a time (two tabs, a double click): the second would post twice.
    if (this.sending.has(session.id)) throw new MinutesSendError('busy', 'the minutes of this session are being sent already');
    this.sending.add(session.id);
    try {
      const email = await this.email(session, request.to, request.asOf);
      if (email.to.length === 0) {
        throw new MinutesSendError('no-recipient', 'the session has no mailing list: give an address in "to"');
      }
      if (request.messageId !== undefined && request.messageId !== email.messageId) {
        throw new MinutesSendError('changed', 'the minutes changed since this preview (the text, the board or the time split): review them again');
      }
      let delivery;
      try {
        delivery = await mailer.send({ from: this.options.sender.address, to: email.to }, email.raw);
      } catch (error) {
        if (error instanceof MailRefusedError) throw new MinutesSendError('refused', error.message);
        throw error;
      }
      if (delivery.accepted.length === 0) {
        throw new MinutesSendError('refused', `the SMTP server at ${mailer.where} accepted none of ${email.to.join(', ')}`);
      }
      // It is posted: from here on, a failure must not read as "not sent" (a retry would post twice).
      let recorded = true;
      try {
        await this.storage.recordMinutesSent(session.id, { messageId: email.messageId, accepted: delivery.accepted, at: Date.now() });
        await this.announce(session.id);
      } catch (error) {
        recorded = false;
        log.error({ err: error, session: session.id, messageId: email.messageId }, 'posted the minutes but could not record it');
      }
      return { messageId: email.messageId, ...delivery, recorded };
    } finally {
      this.sending.delete(session.id);
    }
  }

  async status(sessionId: string): Promise<MinutesStatus> {
    const state = await this.storage.loadMinutesState(sessionId);
    return { sessionId, minuteTaker: state.minuteTaker, sent: state.sent };
  }

  /** The moderator names a minute-taker among the people who joined with a seat, or nobody. */
  async nominate(session: SessionRecord, role: Role, name: string | null): Promise<NominateAck> {
    if (role !== 'moderator') return { ok: false, error: 'forbidden', message: 'only the moderator nominates the minute-taker' };
    if (name !== null) {
      const { attendees } = readMinutesContent(await this.storage.loadDocument(session.id));
      const person = attendees.find((p) => p.name === name);
      if (!person) return { ok: false, error: 'not-present', message: `${name} has not joined this session` };
    }
    await this.storage.setMinuteTaker(session.id, name);
    return { ok: true, status: await this.announce(session.id) };
  }

  async saveBoardImage(sessionId: string, png: Uint8Array): Promise<void> {
    await this.storage.saveBoardImage(sessionId, png);
  }

  /** An empty image stands for a board that was cleared. */
  private async boardImage(sessionId: string): Promise<Uint8Array | null> {
    const png = await this.storage.loadBoardImage(sessionId);
    return png && png.byteLength > 0 ? png : null;
  }

  private async announce(sessionId: string): Promise<MinutesStatus> {
    const status = await this.status(sessionId);
    for (const listener of this.listeners) listener(sessionId, status);
    return status;
  }
}

function endedAt(timer: TimerState): number | null {
  if (timer.phase !== 'ended') return null;
  return timer.log.findLast((entry) => entry.phase === 'ended')?.at ?? null;
}

/**
 * The session as the export shows it, field by field: a field added to the stored session later
 * (a secret, say) does not reach every token holder by default.
 */
function exportedSession(session: SessionRecord): SessionInfo {
  const { id, title, durationMinutes, presentationCapMs, capacity, problem, contribute, preparation, moderatorName, mailingList, createdAt, slot } = session;
  return JSON.parse(
    JSON.stringify({ id, title, durationMinutes, presentationCapMs, capacity, problem, contribute, preparation, moderatorName, mailingList, createdAt, slot }),
  ) as SessionInfo;
}
