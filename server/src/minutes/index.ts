export { MinutesService, MinutesSendError, type MinutesServiceOptions } from './MinutesService.js';
