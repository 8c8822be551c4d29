import { z } from 'zod';
import type { Role } from './roles.js';
import { MAX_SESSION_CAPACITY, MAX_SESSION_DURATION_MINUTES } from './limits.js';

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) URL' });

export const preparationLinkSchema = z.strictObject({
  url: httpUrl,
  label: z.string().max(200).optional(),
});

/** Body of `POST /api/sessions`. Unknown fields are rejected so typos do not pass silently. */
export const createSessionSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  durationMinutes: z.number().int().min(1).max(MAX_SESSION_DURATION_MINUTES),
  problem: z.string().max(20_000).optional(),
  contribute: z.string().max(20_000).optional(),
  preparation: z.array(preparationLinkSchema).max(50).optional(),
  moderatorName: z.string().trim().min(1).max(200).optional(),
  mailingList: z.string().email().max(320).optional(),
  capacity: z.number().int().min(1).max(MAX_SESSION_CAPACITY).optional(),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;
export type PreparationLink = z.infer<typeof preparationLinkSchema>;

/** A session as every token holder may see it. */
export interface SessionInfo {
  id: string;
  title: string;
  durationMinutes: number;
  presentationCapMs: number;
  capacity: number;
  problem?: string;
  contribute?: string;
  preparation: PreparationLink[];
  moderatorName?: string;
  mailingList?: string;
  createdAt: string;
  /** Where and when the session runs, when an organizer scheduled it at an event. */
  slot?: SessionSlot;
}

export interface SessionSlot {
  eventId: string;
  eventName: string;
  roomId: string;
  roomName: string;
  projector: boolean;
  /** ISO 8601, UTC. */
  startsAt: string;
  endsAt: string;
  timezone: string;
}

export type RoleLinks = Record<Role, string>;

/** Answer of `POST /api/sessions`. */
export interface CreatedSession extends SessionInfo {
  tokens: RoleLinks;
  links: RoleLinks;
}

/** Answer of `GET /api/sessions/:id`. */
export interface SessionView extends SessionInfo {
  role: Role;
}
