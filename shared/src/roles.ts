/** The three roles a token can carry. A follower is read-only everywhere. */
export const ROLES = ['moderator', 'attendee', 'follower'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a role may change the session's live documents. */
export function canEdit(role: Role): boolean {
  return role !== 'follower';
}

/** Followers watch from anywhere; only people who can edit take a seat in the room. */
export function countsTowardCapacity(role: Role): boolean {
  return role !== 'follower';
}

/** How many of `roles` each role has (every role present, 0 for none); undefined entries are skipped. */
export function countByRole(roles: Iterable<Role | undefined>): Record<Role, number> {
  const counts = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  for (const role of roles) if (role) counts[role]++;
  return counts;
}
