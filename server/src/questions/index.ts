export {
  QuestionService,
  type ConnectionIdentity,
  type MinuteTakerSource,
  type QuestionChangeListener,
  type QuestionServiceOptions,
  type SessionPhaseSource,
} from './QuestionService.js';
export { AskLimiter, ASK_LIMITS, type AskLimits } from './askLimiter.js';
export { publicQuestion } from './publicQuestion.js';
export { exportedQuestions } from './exportedQuestions.js';
