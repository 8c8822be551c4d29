import { describe, expect, it } from 'vitest';
import { chimeMoment, type ChimeWatch } from './chimeMoments';

const watch = (overrides: Partial<ChimeWatch>): ChimeWatch => ({ sessionId: 's1', phase: 'discussion', capReached: false, sessionOver: false, ...overrides });

describe('chimeMoment', () => {
  it('chimes when the cap switches the presentation to discussion', () => {
    expect(chimeMoment(watch({ phase: 'presentation' }), watch({ capReached: true }))).toBe('cap-reached');
  });

  it('stays quiet when the moderator switches to discussion', () => {
    expect(chimeMoment(watch({ phase: 'presentation' }), watch({}))).toBeNull();
  });

  it('chimes once when the session reaches its end', () => {
    expect(chimeMoment(watch({}), watch({ sessionOver: true }))).toBe('session-over');
    expect(chimeMoment(watch({ sessionOver: true }), watch({ sessionOver: true }))).toBeNull();
  });

  it('stays quiet on the first observation and across sessions', () => {
    expect(chimeMoment(null, watch({ sessionOver: true }))).toBeNull();
    expect(chimeMoment(watch({ sessionId: 'other' }), watch({ sessionOver: true }))).toBeNull();
  });
});
