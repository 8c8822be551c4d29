import { describe, expect, it } from 'vitest';
import type { TimerState } from '@roundtable/shared';
import { timerDisplay } from './timerDisplay';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** A 60-minute session with a 15-minute cap, as the server would send it at `serverNow`. */
function state(overrides: Partial<TimerState> = {}): TimerState {
  return {
    sessionId: 's1',
    phase: 'scheduled',
    serverNow: T0,
    startedAt: null,
    endsAt: null,
    durationMs: 60 * MIN,
    presentationCapMs: 15 * MIN,
    presentationUsedMs: 0,
    capReached: false,
    log: [],
    ...overrides,
  };
}

const started = (overrides: Partial<TimerState> = {}) =>
  state({ phase: 'discussion', startedAt: T0, endsAt: T0 + 60 * MIN, log: [{ phase: 'discussion', at: T0 }], ...overrides });

describe('timerDisplay', () => {
  it('shows the planned duration and the whole allowance before the start, nothing urgent', () => {
    const display = timerDisplay(state({ durationMs: 1 * MIN, presentationCapMs: 15_000 }), 0, T0 + 10 * MIN);
    expect(display).toMatchObject({
      phase: 'scheduled',
      phaseLabel: 'Not started',
      sessionRemainingMs: 1 * MIN,
      presentationRemainingMs: 15_000,
      sessionLevel: 'normal',
      presentationLevel: 'normal',
      running: false,
    });
  });

  it('counts the session down with the server clock, not the browser clock', () => {
    // The browser is 3 s behind the server: its now + offset is the server's now.
    const display = timerDisplay(started({ serverNow: T0 + 10 * MIN }), 3000, T0 + 20 * MIN - 3000);
    expect(display.sessionRemainingMs).toBe(40 * MIN);
    expect(display.running).toBe(true);
  });

  it('counts the allowance down live while presenting, from the used time the state carried', () => {
    const s = started({ phase: 'presentation', serverNow: T0 + 5 * MIN, presentationUsedMs: 2 * MIN });
    expect(timerDisplay(s, 0, T0 + 5 * MIN).presentationRemainingMs).toBe(13 * MIN);
    expect(timerDisplay(s, 0, T0 + 6 * MIN).presentationRemainingMs).toBe(12 * MIN);
    // Never below zero, even if the server's switch to discussion is late to arrive.
    expect(timerDisplay(s, 0, T0 + 60 * MIN).presentationRemainingMs).toBe(0);
  });

  it('keeps the allowance still outside a presentation', () => {
    const s = started({ serverNow: T0 + 5 * MIN, presentationUsedMs: 2 * MIN });
    expect(timerDisplay(s, 0, T0 + 30 * MIN).presentationRemainingMs).toBe(13 * MIN);
  });

  it('does not count backwards for a state that seems to come from the future', () => {
    const s = started({ phase: 'presentation', serverNow: T0 + 5 * MIN, presentationUsedMs: 2 * MIN });
    expect(timerDisplay(s, 0, T0 + 4 * MIN).presentationRemainingMs).toBe(13 * MIN);
  });

  it('turns amber in the last minute of the allowance and red once it is used up', () => {
    const s = started({ phase: 'presentation', serverNow: T0, presentationUsedMs: 0 });
    expect(timerDisplay(s, 0, T0 + 13 * MIN).presentationLevel).toBe('normal');
    expect(timerDisplay(s, 0, T0 + 14 * MIN + 1).presentationLevel).toBe('amber');
    expect(timerDisplay(s, 0, T0 + 15 * MIN).presentationLevel).toBe('red');
    const capped = started({ presentationUsedMs: 15 * MIN, capReached: true });
    expect(timerDisplay(capped, 0, T0)).toMatchObject({ presentationRemainingMs: 0, presentationLevel: 'red' });
  });

  it('turns amber in the last five minutes of the session and red once it is over, with a negative remainder', () => {
    const s = started();
    expect(timerDisplay(s, 0, T0 + 54 * MIN).sessionLevel).toBe('normal');
    expect(timerDisplay(s, 0, T0 + 55 * MIN).sessionLevel).toBe('amber');
    expect(timerDisplay(s, 0, T0 + 60 * MIN).sessionLevel).toBe('red');
    const over = timerDisplay(s, 0, T0 + 62 * MIN);
    expect(over).toMatchObject({ sessionRemainingMs: -2 * MIN, sessionLevel: 'red' });
  });

  it('follows an extension', () => {
    const s = started({ endsAt: T0 + 65 * MIN, durationMs: 65 * MIN });
    expect(timerDisplay(s, 0, T0 + 62 * MIN)).toMatchObject({ sessionRemainingMs: 3 * MIN, sessionLevel: 'amber' });
  });

  it('freezes at the moment the session was ended', () => {
    const s = started({ phase: 'ended', serverNow: T0 + 50 * MIN, log: [{ phase: 'discussion', at: T0 }, { phase: 'ended', at: T0 + 45 * MIN }] });
    expect(timerDisplay(s, 0, T0 + 90 * MIN)).toMatchObject({ phaseLabel: 'Ended', sessionRemainingMs: 15 * MIN, running: false });
  });

  it('shows the planned duration for a session ended before it started', () => {
    const s = state({ phase: 'ended', log: [{ phase: 'ended', at: T0 }] });
    expect(timerDisplay(s, 0, T0 + MIN).sessionRemainingMs).toBe(60 * MIN);
  });
});
