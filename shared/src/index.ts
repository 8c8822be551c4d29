export * from './roles.js';
export * from './limits.js';
export * from './closeCodes.js';
export * from './session.js';
export * from './validation.js';
export * from './documentLayout.js';
export * from './minutes/prosemirrorJson.js';
export * from './minutes/template.js';
