/** Who Roundtable's emails come from. */
export interface MailSender {
  /** The From header: MAIL_FROM, or `Roundtable <roundtable@<host>>`. */
  from: string;
  /** The bare address, for the SMTP envelope. */
  address: string;
  /** The domain of Message-IDs: this server's public host. */
  domain: string;
}

export function mailSender(publicUrl: string, mailFrom?: string): MailSender {
  const domain = mailDomainOf(publicUrl);
  const from = mailFrom ?? `Roundtable <roundtable@${domain}>`;
  return { from, address: /<([^>]+)>/.exec(from)?.[1] ?? from.trim(), domain };
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
