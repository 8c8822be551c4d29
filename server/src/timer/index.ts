export { TimerService, type TimerChangeListener } from './TimerService.js';
