import { describe, expect, it } from 'vitest';
import { canMoveQuestion, questionStatusesBefore } from './questionTransitions.js';

describe('question transitions', () => {
  it('lets an open question be answered, dismissed or inserted', () => {
    expect(canMoveQuestion('open', 'answered')).toBe(true);
    expect(canMoveQuestion('open', 'dismissed')).toBe(true);
    expect(canMoveQuestion('open', 'inserted')).toBe(true);
  });

  it('undoes answered and dismissed, and inserts an answered question', () => {
    expect(canMoveQuestion('answered', 'open')).toBe(true);
    expect(canMoveQuestion('dismissed', 'open')).toBe(true);
    expect(canMoveQuestion('answered', 'inserted')).toBe(true);
    expect(canMoveQuestion('dismissed', 'inserted')).toBe(false);
  });

  it('never moves an inserted question, and never to its own status', () => {
    for (const to of ['open', 'answered', 'dismissed', 'inserted'] as const) expect(canMoveQuestion('inserted', to)).toBe(false);
    expect(canMoveQuestion('open', 'open')).toBe(false);
  });

  it('names the statuses a move may start from', () => {
    expect(questionStatusesBefore('inserted').sort()).toEqual(['answered', 'open']);
    expect(questionStatusesBefore('open').sort()).toEqual(['answered', 'dismissed']);
  });
});
