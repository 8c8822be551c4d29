export { SessionService, type Authorization } from './SessionService.js';
export { newSessionId, newToken, timingSafeEqualStrings } from './secrets.js';
