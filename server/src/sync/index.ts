export { RoomRegistry } from './RoomRegistry.js';
export { Room } from './Room.js';
export type { SyncConnection } from './SyncConnection.js';
export { createSyncEndpoint, SYNC_PATH_PREFIX, type SyncEndpoint } from './wsTransport.js';
