export { SessionService, type Authorization } from './SessionService.js';
