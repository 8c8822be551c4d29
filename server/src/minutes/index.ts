export { MinutesService, MinutesSendError, type MinutesServiceOptions } from './MinutesService.js';
export { SmtpMailer } from './SmtpMailer.js';
