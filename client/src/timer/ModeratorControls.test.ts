// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { TimerCommand, TimerCommandAck, TimerState } from '@roundtable/shared';
import { ModeratorControls } from './ModeratorControls';

// Tells React this is a test environment, so act() flushes effects and updates.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const state = (overrides: Partial<TimerState> = {}): TimerState => ({
  sessionId: 's1', phase: 'discussion', serverNow: 0, startedAt: 0, endsAt: 60_000, durationMs: 60_000,
  presentationCapMs: 15_000, presentationUsedMs: 0, capReached: false, log: [], ...overrides,
});

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

function render(timerState: TimerState, answer: TimerCommandAck = { ok: true, state: timerState }) {
  const command = vi.fn(async (_: TimerCommand) => answer);
  document.body.innerHTML = '<input id="field"><div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  act(() => root!.render(createElement(ModeratorControls, { timer: { state: timerState, status: { kind: 'connected' }, command } })));
  return command;
}

const button = (label: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === label)!;

async function press(target: EventTarget, code: string) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, shiftKey: true, bubbles: true, cancelable: true }));
  });
}

describe('ModeratorControls', () => {
  it('enables what the phase allows and names each shortcut', () => {
    render(state({ capReached: true }));
    expect(button('Present').disabled).toBe(true);
    expect(button('Discuss').disabled).toBe(true);
    expect(button('Extend +5 min').disabled).toBe(false);
    expect(button('Present').getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+P');
    expect(button('Present').title).toContain('Alt+Shift+P');
  });

  it('runs a shortcut pressed anywhere but in a field', async () => {
    const command = render(state());
    await press(document.getElementById('field')!, 'KeyP');
    expect(command).not.toHaveBeenCalled();
    await press(document.body, 'KeyP');
    expect(command).toHaveBeenCalledWith({ action: 'present' });
  });

  it('shows why the server refused', async () => {
    render(state(), { ok: false, error: 'presentation-cap-reached' });
    await act(async () => button('Present').click());
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Presentation time is used up');
  });

  it('sends one Extend for a double click', async () => {
    const command = render(state());
    await act(async () => {
      button('Extend +5 min').click();
      button('Extend +5 min').click();
    });
    expect(command).toHaveBeenCalledTimes(1);
    expect(command).toHaveBeenCalledWith({ action: 'extend', minutes: 5 });
  });
});
