export { SessionService, type Authorization } from './SessionService.js';
export { timingSafeEqualStrings } from './secrets.js';
