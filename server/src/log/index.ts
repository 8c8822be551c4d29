export { logger, newLogId, DEFAULT_LOG_LEVEL, type Logger } from './logger.js';
