// The load shapes the issue tracker asks us to record.

export interface Scenario {
  name: string;
  rooms: number;
  editorsPerRoom: number;
  followersPerRoom: number;
  editsPerSecond: number;
  description: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'A', rooms: 20, editorsPerRoom: 30, followersPerRoom: 20, editsPerSecond: 0.1, description: '1,000 connections, light editing' },
  { name: 'B', rooms: 10, editorsPerRoom: 30, followersPerRoom: 0, editsPerSecond: 0.5, description: 'busy rooms' },
  { name: 'C', rooms: 10, editorsPerRoom: 30, followersPerRoom: 0, editsPerSecond: 2, description: 'heavy editing' },
  { name: 'F', rooms: 2, editorsPerRoom: 30, followersPerRoom: 500, editsPerSecond: 0.5, description: 'follower-heavy' },
];

/**
 * What `pnpm bench` runs without `--scenario`. F (500 followers a room) is left out: it is a check
 * that one process of ours holds a streamed session, not a comparison, and the reference relays
 * every follower's presence to the other 529 clients of its room, which swamps this 2-core box; with
 * it the default run would take minutes longer. `--scenario F --servers ours` runs it.
 */
export const DEFAULT_SCENARIOS = ['A', 'B', 'C'];

export function connections(s: Scenario): number {
  return s.rooms * (s.editorsPerRoom + s.followersPerRoom);
}

/** Deliveries per second the server must fan out: each edit goes to every other client of its room. */
export function offeredDeliveriesPerSecond(s: Scenario): number {
  return s.rooms * s.editorsPerRoom * s.editsPerSecond * (s.editorsPerRoom + s.followersPerRoom - 1);
}
