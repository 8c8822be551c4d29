import {
  extractMinutesItems,
  type MinutesRecord,
  type MinutesStatus,
  type NominateAck,
  type Role,
  type TimerState,
} from '@roundtable/shared';
import type { SessionRecord, Storage } from '../storage/index.js';
import type { TimerService } from '../timer/index.js';
import { readMinutesContent } from './minutesDocument.js';
import { composeMinutesEmail, type ComposedEmail } from './minutesEmail.js';
import { minutesText } from './minutesFormats.js';
import { MailRefusedError, type SmtpMailer } from './SmtpMailer.js';

export interface MinutesServiceOptions {
  /** Base of the session links written into the minutes. */
  publicUrl: string;
  /** MAIL_FROM; by default Roundtable at this server's host. */
  mailFrom?: string | undefined;
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
export class MinutesSendError extends Error {
  constructor(
    readonly reason: 'no-smtp' | 'no-recipient' | 'refused',
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
  private readonly from: string;
  private readonly domain: string;

  constructor(
    private readonly storage: Storage,
    private readonly timers: TimerService,
    private readonly options: MinutesServiceOptions,
  ) {
    this.domain = mailDomainOf(options.publicUrl);
    this.from = options.mailFrom ?? `Roundtable <roundtable@${this.domain}>`;
  }

  get canSend(): boolean {
    return this.options.mailer !== null;
  }

  onChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async record(session: SessionRecord): Promise<MinutesRecord> {
    const [stored, timer, state] = await Promise.all([
      this.storage.loadDocument(session.id),
      this.timers.state(session),
      this.storage.loadMinutesState(session.id),
    ]);
    const { minutes, attendees } = readMinutesContent(stored);
    const { tokens: _tokens, ...info } = session;
    return {
      session: info,
      room: null,
      timer,
      attendees,
      minuteTaker: state.minuteTaker,
      minutes,
      ...extractMinutesItems(minutes),
      sessionUrl: `${this.options.publicUrl}/s/${session.id}`,
      asOf: endedAt(timer) ?? Date.now(),
    };
  }

  /** The message as it would be posted now: to `to`, or else to the session's mailing list. */
  async email(session: SessionRecord, to?: string): Promise<MinutesEmail> {
    const [record, board] = await Promise.all([this.record(session), this.boardImage(session.id)]);
    const recipients = to ? [to] : session.mailingList ? [session.mailingList] : [];
    const text = minutesText(record);
    const composed = await composeMinutesEmail({ record, text, from: this.from, to: recipients, board, domain: this.domain });
    return { ...composed, from: this.from, to: recipients, text };
  }

  /**
   * Posts the minutes and only then records the posting: a refusal or an unreachable server
   * leaves nothing marked as sent.
   */
  async send(session: SessionRecord, to?: string): Promise<{ messageId: string; accepted: string[]; rejected: string[] }> {
    const mailer = this.options.mailer;
    if (!mailer) throw new MinutesSendError('no-smtp', 'this server has no SMTP server configured (SMTP_URL): download the .eml and send it yourself');
    const email = await this.email(session, to);
    if (email.to.length === 0) {
      throw new MinutesSendError('no-recipient', 'the session has no mailing list: give an address in "to"');
    }
    let delivery;
    try {
      delivery = await mailer.send({ from: envelopeAddress(this.from), to: email.to }, email.raw);
    } catch (error) {
      if (error instanceof MailRefusedError) throw new MinutesSendError('refused', error.message);
      throw error;
    }
    if (delivery.accepted.length === 0) {
      throw new MinutesSendError('refused', `the SMTP server at ${mailer.where} accepted none of ${email.to.join(', ')}`);
    }
    await this.storage.recordMinutesSent(session.id, { messageId: email.messageId, accepted: delivery.accepted, at: Date.now() });
    await this.announce(session.id);
    return { messageId: email.messageId, ...delivery };
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

/** The host of the public URL, or `localhost` where that is an IP address (not a mail domain). */
export function mailDomainOf(publicUrl: string): string {
  let host: string;
  try {
    host = new URL(publicUrl).hostname;
  } catch {
    return 'localhost';
  }
  const isAddress = /^[\d.]+$/.test(host) || host.startsWith('[');
  return isAddress ? 'localhost' : host;
}

/** `Name <a@b>` -> `a@b`, for the SMTP envelope. */
function envelopeAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
