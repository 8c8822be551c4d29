// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TimerState } from '@roundtable/shared';
import { TIMER_CONTROLS, isAllowed } from './timerControls';
import { controlForKey, isTypingTarget } from './timerShortcuts';
import { refusalMessage } from './commandErrors';

function state(overrides: Partial<TimerState>): TimerState {
  return {
    sessionId: 's1', phase: 'scheduled', serverNow: 0, startedAt: null, endsAt: null, durationMs: 60_000,
    presentationCapMs: 15_000, presentationUsedMs: 0, capReached: false, log: [], ...overrides,
  };
}

const allowed = (s: TimerState | null) => TIMER_CONTROLS.filter((c) => isAllowed(c.action, s)).map((c) => c.action);

describe('which controls a phase allows', () => {
  it('follows the phase', () => {
    expect(allowed(state({ phase: 'scheduled' }))).toEqual(['start', 'present', 'extend', 'end']);
    expect(allowed(state({ phase: 'presentation' }))).toEqual(['discuss', 'extend', 'end']);
    expect(allowed(state({ phase: 'discussion' }))).toEqual(['present', 'extend', 'end']);
    expect(allowed(state({ phase: 'ended' }))).toEqual([]);
    expect(allowed(null)).toEqual([]);
  });

  it('disables Present once the cap is reached', () => {
    expect(allowed(state({ phase: 'discussion', capReached: true }))).toEqual(['extend', 'end']);
  });
});

describe('timer shortcuts', () => {
  const key = (code: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; repeat: boolean }> = {}) => ({
    code, altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, ...mods,
  });

  it('are Alt+Shift+letter, each different', () => {
    expect(controlForKey(key('KeyP'), TIMER_CONTROLS)?.action).toBe('present');
    expect(controlForKey(key('KeyX'), TIMER_CONTROLS)?.action).toBe('end');
    expect(new Set(TIMER_CONTROLS.map((c) => c.code)).size).toBe(TIMER_CONTROLS.length);
    expect(TIMER_CONTROLS.find((c) => c.action === 'extend')?.shortcut).toBe('Alt+Shift+E');
  });

  it('ignore other modifiers, plain letters and held keys', () => {
    expect(controlForKey(key('KeyP', { shiftKey: false }), TIMER_CONTROLS)).toBeNull();
    expect(controlForKey(key('KeyP', { ctrlKey: true }), TIMER_CONTROLS)).toBeNull();
    expect(controlForKey(key('KeyP', { metaKey: true }), TIMER_CONTROLS)).toBeNull();
    expect(controlForKey(key('KeyP', { repeat: true }), TIMER_CONTROLS)).toBeNull();
    expect(controlForKey(key('KeyQ'), TIMER_CONTROLS)).toBeNull();
  });

  it('stay out of inputs and editable text', () => {
    document.body.innerHTML = `
      <input id="field"><textarea id="area"></textarea>
      <div contenteditable="true"><p id="para">minutes</p></div>
      <div id="board" tabindex="0"></div>`;
    expect(isTypingTarget(document.getElementById('field'))).toBe(true);
    expect(isTypingTarget(document.getElementById('area'))).toBe(true);
    expect(isTypingTarget(document.getElementById('para'))).toBe(true);
    expect(isTypingTarget(document.getElementById('board'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('refusalMessage', () => {
  it('says why in words', () => {
    expect(refusalMessage({ ok: false, error: 'presentation-cap-reached' })).toBe('Presentation time is used up');
    expect(refusalMessage({ ok: false, error: 'invalid-phase', message: 'the session has ended' })).toBe('Not possible: the session has ended');
    expect(refusalMessage({ ok: false, error: 'forbidden' })).toMatch(/moderator/);
  });
});
