import { z } from 'zod';

/** The formats of `GET /api/sessions/:id/minutes.<format>` (contract: "Minutes export"). */
export const MINUTES_FORMATS = ['md', 'txt', 'eml', 'html', 'json'] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

export function isMinutesFormat(value: string): value is MinutesFormat {
  return (MINUTES_FORMATS as readonly string[]).includes(value);
}

/** socket.io: the minutes' state (minute-taker, postings), on connect and on every change. */
export const MINUTES_STATE_EVENT = 'minutes:state';
/** socket.io: the moderator nominates a minute-taker, `{ name: string | null }`, with an ack. */
export const MINUTES_NOMINATE_EVENT = 'minutes:nominate';

export const MAX_NAME_LENGTH = 200;

export const nominateSchema = z.strictObject({
  /** One of the people who joined with a seat, or null for nobody (the moderator takes them). */
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable(),
});
export type NominateCommand = z.infer<typeof nominateSchema>;

/**
 * Body of `POST /api/sessions/:id/minutes/send`. `messageId` and `asOf` come from the preview the
 * moderator reviewed: the server rebuilds the message as of that moment and sends it only if it
 * is still that message (409 when the minutes, the board or anything else changed meanwhile).
 */
export const sendMinutesSchema = z.strictObject({
  to: z.string().trim().email().max(320).optional(),
  messageId: z.string().min(3).max(300).optional(),
  asOf: z.number().int().positive().optional(),
});

export interface MinutesSendingView {
  messageId: string;
  accepted: string[];
  at: number;
}

/** What `minutes:state` carries. */
export interface MinutesStatus {
  sessionId: string;
  minuteTaker: string | null;
  sent: MinutesSendingView[];
}

export type NominateAck = { ok: true; status: MinutesStatus } | { ok: false; error: 'forbidden' | 'invalid-command' | 'not-present' | 'server-error'; message: string };

/** `GET /api/sessions/:id/minutes/email`: the exact message the moderator would send, for review. */
export interface MinutesEmailPreview {
  from: string;
  /** Empty when the session has no mailing list and no address was given. */
  to: string[];
  subject: string;
  messageId: string;
  date: string;
  /** Epoch ms the message is as of: its Date. Send it back with `messageId` to send this very message. */
  asOf: number;
  /** The plain-text body, as sent. */
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
  /** Whether this server can send (SMTP_URL set); otherwise the `.eml` is offered for download. */
  smtpConfigured: boolean;
}

/** Answer of `POST /api/sessions/:id/minutes/send`. */
export interface MinutesSent {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** False when the posting went out but could not be recorded (storage failed right after). */
  recorded: boolean;
}
