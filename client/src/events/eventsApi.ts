import type { EventInfo, OrganizerProposal, ProposalInfo } from '@roundtable/shared';
import { request } from '../api';
import type { CreatedEvent, PublicSchedule, ScheduleResult, SubmittedProposal } from './eventTypes';

const eventPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;
const proposalPath = (eventId: string, proposalId: string) =>
  `${eventPath(eventId)}/proposals/${encodeURIComponent(proposalId)}`;

const bearer = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

function send(method: 'POST' | 'PATCH', body: unknown, token?: string): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify(body),
  };
}

/** `organizerKey`: the server's ORGANIZER_KEY, when it has one (it answers 401 without). */
export function createEvent(body: unknown, organizerKey?: string): Promise<CreatedEvent> {
  return request('/api/events', send('POST', body, organizerKey));
}

export function getEvent(eventId: string): Promise<EventInfo> {
  return request(eventPath(eventId));
}

export function submitProposal(eventId: string, body: unknown): Promise<SubmittedProposal> {
  return request(`${eventPath(eventId)}/proposals`, send('POST', body));
}

/** For the proposer (edit token) or an organizer. */
export function getProposal(eventId: string, proposalId: string, token: string): Promise<ProposalInfo> {
  return request(proposalPath(eventId, proposalId), { headers: bearer(token) });
}

export function updateProposal(eventId: string, proposalId: string, token: string, body: unknown): Promise<ProposalInfo> {
  return request(proposalPath(eventId, proposalId), send('PATCH', body, token));
}

export function listProposals(eventId: string, organizerToken: string): Promise<OrganizerProposal[]> {
  return request(`${eventPath(eventId)}/proposals`, { headers: bearer(organizerToken) });
}

export function decideProposal(
  eventId: string,
  proposalId: string,
  organizerToken: string,
  decision: 'accept' | 'decline',
): Promise<ProposalInfo> {
  return request(`${proposalPath(eventId, proposalId)}/${decision}`, { method: 'POST', headers: bearer(organizerToken) });
}

export function scheduleProposal(
  eventId: string,
  proposalId: string,
  organizerToken: string,
  slot: { roomId: string; startsAt: string },
): Promise<ScheduleResult> {
  return request(`${proposalPath(eventId, proposalId)}/schedule`, send('POST', slot, organizerToken));
}

export function getSchedule(eventId: string): Promise<PublicSchedule> {
  return request(`${eventPath(eventId)}/schedule`);
}

/** The schedule's downloads: iCalendar for calendars, frab JSON for conference apps (Giggity, ConfClerk). */
export function scheduleDownloads(eventId: string): { ics: string; frab: string } {
  return { ics: `${eventPath(eventId)}/schedule.ics`, frab: `${eventPath(eventId)}/schedule.frab.json` };
}
