import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MinutesRecord } from '@roundtable/shared';

export interface EmailParts {
  record: MinutesRecord;
  /** The plain-text body (minutesToPlainText), with "\n" line ends. */
  text: string;
  from: string;
  to: string[];
  /** The whiteboard as PNG, where it has content. */
  board: Uint8Array | null;
  /** The domain of Message-IDs: this server's public host. */
  domain: string;
}

export interface ComposedEmail {
  raw: Buffer;
  messageId: string;
  subject: string;
  date: Date;
  attachments: { filename: string; contentType: string; size: number }[];
}

export const BOARD_FILENAME = 'whiteboard.png';

export function minutesSubject(title: string): string {
  return `[Design Session] ${title}: minutes`;
}

/**
 * The minutes as an RFC 5322 message: UTF-8 text (quoted-printable, so every line stays short
 * on the wire) and the board as an attachment.
 *
 * It is a function of its content alone: the Message-ID and the MIME boundary come from a
 * hash of what the message says, and the Date is the record's (the session's end once it
 * ended). So the `.eml` download, the dialog's preview and what is sent are the same bytes,
 * and sending the same minutes twice gives the same Message-ID, which lists and archives
 * take as one message.
 */
export async function composeMinutesEmail(parts: EmailParts): Promise<ComposedEmail> {
  const subject = minutesSubject(parts.record.session.title);
  const date = new Date(parts.record.asOf);
  const digest = createHash('sha256')
    .update(JSON.stringify([parts.from, parts.to, subject, date.toISOString(), parts.text]))
    .update(parts.board ?? new Uint8Array())
    .digest('hex');
  const messageId = `<minutes.${parts.record.session.id}.${digest.slice(0, 24)}@${parts.domain}>`;
  const attachments = parts.board
    ? [{ filename: BOARD_FILENAME, contentType: 'image/png', content: Buffer.from(parts.board) }]
    : [];
  const composer = new MailComposer({
    from: parts.from,
    ...(parts.to.length > 0 && { to: parts.to }),
    subject,
    date,
    messageId,
    text: parts.text,
    textEncoding: 'quoted-printable',
    attachments,
    baseBoundary: digest.slice(24, 40),
    newline: '\r\n',
  });
  const built = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
  // SMTP carries a message as lines: ending on a line break is what arrives, byte for byte.
  const raw = built.subarray(-2).toString() === '\r\n' ? built : Buffer.concat([built, Buffer.from('\r\n')]);
  return {
    raw,
    messageId,
    subject,
    date,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.byteLength })),
  };
}
