import { useSyncExternalStore } from 'react';
import type { Question } from '@roundtable/shared';
import type { QuestionConnection } from './QuestionConnection';

const nothingToSubscribe = () => () => {};
const none: readonly Question[] = [];
const empty = () => none;

/** The questions this person may see, live from the server; oldest first. */
export function useQuestions(connection: QuestionConnection | null): readonly Question[] {
  return useSyncExternalStore(connection?.subscribe ?? nothingToSubscribe, connection?.getSnapshot ?? empty);
}
