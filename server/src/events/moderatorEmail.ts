import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { CreatedSession } from '@roundtable/shared';
import type { MailSender, SmtpMailer } from '../mail/index.js';
import type { EventRecord, ProposalRecord } from '../storage/index.js';

/** Tells a proposer their session is scheduled, with the moderator link that runs it. */
export class ModeratorMailer {
  constructor(
    private readonly smtp: SmtpMailer,
    private readonly sender: MailSender,
  ) {}

  async sendModeratorLink(event: EventRecord, proposal: ProposalRecord, session: CreatedSession): Promise<void> {
    const when = new Date(session.slot?.startsAt ?? Date.now()).toLocaleString('en-GB', {
      timeZone: event.timezone,
      dateStyle: 'full',
      timeStyle: 'short',
    });
    const text = [
      `Hello ${proposal.proposer.name},`,
      '',
      `your session "${proposal.title}" is scheduled at ${event.name}:`,
      `${when} (${event.timezone}), ${session.slot?.roomName ?? ''}, ${proposal.durationMinutes} minutes.`,
      '',
      'You moderate it. This link opens its workspace as the moderator; keep it to yourself:',
      session.links.moderator,
      '',
      'Hand this one to the people in the room:',
      session.links.attendee,
      '',
      'And this one to those following from afar (read-only):',
      session.links.follower,
      '',
    ].join('\n');
    const raw = await new Promise<Buffer>((resolve, reject) =>
      new MailComposer({
        from: this.sender.from,
        to: { name: proposal.proposer.name, address: proposal.proposer.email },
        subject: `[${event.name}] Your session is scheduled: ${proposal.title}`,
        text,
        newline: '\r\n',
      })
        .compile()
        .build((error, message) => (error ? reject(error) : resolve(message))),
    );
    await this.smtp.send({ from: this.sender.address, to: [proposal.proposer.email] }, raw);
  }
}
