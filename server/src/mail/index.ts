export { SmtpMailer, MailRefusedError, describeSmtpUrl, type Delivery, type Envelope } from './SmtpMailer.js';
export { mailSender, mailDomainOf, type MailSender } from './sender.js';
