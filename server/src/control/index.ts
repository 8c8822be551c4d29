export { createControlPlane, type ControlPlane } from './controlPlane.js';
export { CONTROL_CHANNEL_PREFIX } from './redisAdapter.js';
