export { createHttpApp, type HttpAppOptions } from './app.js';
export { HttpError } from './errors.js';
