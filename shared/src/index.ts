export * from './roles.js';
export * from './limits.js';
export * from './closeCodes.js';
export * from './session.js';
export * from './validation.js';
