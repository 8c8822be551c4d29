import { describe, expect, it } from 'vitest';
import { applyCommand, capDeadline, initialTimer, settle, timerState, type TimerRecord } from './timerMachine.js';
import type { TimerCommand } from './timerProtocol.js';
import { formatTimeSplit, timeSplit } from './timeSplit.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** A 60-minute session (cap 15 minutes) driven by commands at given minutes after T0. */
function run(steps: [number, TimerCommand][], record: TimerRecord = initialTimer('s1', 60 * MIN, 15 * MIN)): TimerRecord {
  for (const [minute, command] of steps) {
    const result = applyCommand(record, command, T0 + minute * MIN);
    if (!result.ok) throw new Error(`${command.action} at ${minute}: ${result.error}`);
    record = result.record;
  }
  return record;
}

describe('timer state machine', () => {
  it('starts in scheduled with nothing running', () => {
    const state = timerState(initialTimer('s1', 60 * MIN, 15 * MIN), T0);
    expect(state).toMatchObject({ phase: 'scheduled', startedAt: null, endsAt: null, presentationUsedMs: 0, capReached: false, log: [] });
    expect(state.serverNow).toBe(T0);
  });

  it('start begins the clock in discussion; present and discuss switch and log', () => {
    const record = run([
      [0, { action: 'start' }],
      [2, { action: 'present' }],
      [7, { action: 'discuss' }],
    ]);
    const state = timerState(record, T0 + 10 * MIN);
    expect(state.phase).toBe('discussion');
    expect(state.startedAt).toBe(T0);
    expect(state.endsAt).toBe(T0 + 60 * MIN);
    expect(state.presentationUsedMs).toBe(5 * MIN);
    expect(state.log).toEqual([
      { phase: 'discussion', at: T0 },
      { phase: 'presentation', at: T0 + 2 * MIN },
      { phase: 'discussion', at: T0 + 7 * MIN },
    ]);
  });

  it('present without start starts the clock too', () => {
    const state = timerState(run([[1, { action: 'present' }]]), T0 + 3 * MIN);
    expect(state).toMatchObject({ phase: 'presentation', startedAt: T0 + MIN, endsAt: T0 + 61 * MIN, presentationUsedMs: 2 * MIN });
  });

  it('counts the running presentation live and adds up several stints', () => {
    const record = run([
      [0, { action: 'present' }],
      [4, { action: 'discuss' }],
      [10, { action: 'present' }],
    ]);
    expect(timerState(record, T0 + 13 * MIN).presentationUsedMs).toBe(7 * MIN);
    expect(capDeadline(record)).toBe(T0 + 21 * MIN); // 4 of 15 minutes used before
  });

  it('switches to discussion by itself at the exact instant the cap is reached', () => {
    const record = run([
      [0, { action: 'present' }],
      [5, { action: 'discuss' }],
      [20, { action: 'present' }],
    ]);
    const deadline = T0 + 30 * MIN;
    expect(capDeadline(record)).toBe(deadline);
    expect(timerState(record, deadline - 1).phase).toBe('presentation');
    // Computed long afterwards (a server that was down), the switch is still logged at the deadline.
    const late = timerState(record, deadline + 45 * MIN);
    expect(late).toMatchObject({ phase: 'discussion', capReached: true, presentationUsedMs: 15 * MIN });
    expect(late.log.at(-1)).toEqual({ phase: 'discussion', at: deadline });
    expect(settle(record, deadline - 1)).toBe(record);
  });

  it('refuses present once the cap is reached, and lets the rest go on', () => {
    const record = run([[0, { action: 'present' }]]);
    const after = T0 + 16 * MIN;
    expect(applyCommand(record, { action: 'present' }, after)).toMatchObject({ ok: false, error: 'presentation-cap-reached' });
    const discuss = applyCommand(record, { action: 'discuss' }, after);
    expect(discuss).toMatchObject({ ok: true, changed: true }); // the settled switch itself is a change to store
    const extended = applyCommand(record, { action: 'extend', minutes: 10 }, after);
    if (!extended.ok) throw new Error('extend refused');
    expect(timerState(extended.record, after)).toMatchObject({ phase: 'discussion', capReached: true, presentationCapMs: 15 * MIN });
  });

  it('extend moves the end of the session, never the cap', () => {
    const record = run([
      [0, { action: 'start' }],
      [50, { action: 'extend', minutes: 10 }],
    ]);
    const state = timerState(record, T0 + 51 * MIN);
    expect(state).toMatchObject({ durationMs: 70 * MIN, endsAt: T0 + 70 * MIN, presentationCapMs: 15 * MIN });
    // before the start, only the duration grows
    expect(timerState(run([[0, { action: 'extend', minutes: 5 }]]), T0)).toMatchObject({ durationMs: 65 * MIN, endsAt: null, phase: 'scheduled' });
  });

  it('end closes a running presentation and refuses everything afterwards', () => {
    const record = run([
      [0, { action: 'present' }],
      [3, { action: 'end' }],
    ]);
    const state = timerState(record, T0 + 30 * MIN);
    expect(state).toMatchObject({ phase: 'ended', presentationUsedMs: 3 * MIN });
    for (const command of [{ action: 'present' }, { action: 'start' }, { action: 'discuss' }, { action: 'end' }, { action: 'extend', minutes: 1 }] as TimerCommand[]) {
      expect(applyCommand(record, command, T0 + 31 * MIN)).toMatchObject({ ok: false, error: 'invalid-phase' });
    }
  });

  it('refuses start twice and discuss before the start; repeats of the current phase change nothing', () => {
    const started = run([[0, { action: 'start' }]]);
    expect(applyCommand(started, { action: 'start' }, T0 + MIN)).toMatchObject({ ok: false, error: 'invalid-phase' });
    expect(applyCommand(initialTimer('s1', 60 * MIN, 15 * MIN), { action: 'discuss' }, T0)).toMatchObject({ ok: false, error: 'invalid-phase' });
    expect(applyCommand(started, { action: 'discuss' }, T0 + MIN)).toEqual({ ok: true, record: started, changed: false });
    const presenting = run([[1, { action: 'present' }]], started);
    expect(applyCommand(presenting, { action: 'present' }, T0 + 2 * MIN)).toEqual({ ok: true, record: presenting, changed: false });
  });

  it('gives the time split the minutes print', () => {
    const record = run(
      [
        [0, { action: 'present' }],
        [9, { action: 'discuss' }],
        [35, { action: 'extend', minutes: 10 }],
      ],
      initialTimer('s1', 40 * MIN, 10 * MIN),
    );
    const split = timeSplit(timerState(record, T0 + 50 * MIN), 40 * MIN);
    expect(formatTimeSplit(split)).toBe('Presentation: 9 of 50 minutes (18%, cap 25%)');
  });
});
