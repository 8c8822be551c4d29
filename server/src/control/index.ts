export { createControlPlane, type ControlPlane } from './controlPlane.js';
