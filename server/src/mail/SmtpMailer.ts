import nodemailer from 'nodemailer';

export interface Envelope {
  from: string;
  to: string[];
}

export interface Delivery {
  accepted: string[];
  rejected: string[];
}

/** The SMTP server refused the message, or could not be reached: nothing was sent. */
export class MailRefusedError extends Error {}

/**
 * Posts ready-made messages over SMTP (SMTP_URL). The message goes as its exact bytes, so what
 * the moderator reviewed and the `.eml` download are what the list receives.
 */
export class SmtpMailer {
  private readonly transport;

  constructor(
    smtpUrl: string,
    /** Where the SMTP server is, for error messages: the URL without its password. */
    readonly where: string = describeSmtpUrl(smtpUrl),
  ) {
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      // A conference server must not hang a moderator's "Send" for minutes on a dead relay.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(envelope: Envelope, raw: Buffer): Promise<Delivery> {
    try {
      const info = await this.transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
      return { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    } catch (error) {
      throw new MailRefusedError(`the SMTP server at ${this.where} did not take the message: ${reasonOf(error)}`, { cause: error });
    }
  }

  close(): void {
    this.transport.close();
  }
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; response?: string; rejected?: unknown[]; message?: string };
  if (e.code === 'EENVELOPE' && e.response) return `recipient refused (${e.response})`;
  if (e.response) return e.response;
  return e.message ?? String(error);
}

export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return 'SMTP_URL (not a valid URL)';
  }
}
