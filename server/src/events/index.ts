export { EventService, type CreatedEvent, type PublicSchedule, type SubmittedProposal } from './EventService.js';
export { EventError } from './EventError.js';
export { ModeratorMailer } from './moderatorEmail.js';
