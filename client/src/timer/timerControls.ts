import type { TimerAction, TimerCommand, TimerState } from '@roundtable/shared';

/** What "Extend" adds: one tap for the common case, well under the protocol's maximum. */
export const EXTEND_MINUTES = 5;

/** One of the moderator's buttons: its command and its keyboard shortcut. */
export interface TimerControl {
  action: TimerAction;
  label: string;
  command: TimerCommand;
  /**
   * `KeyboardEvent.code` of the key pressed with Alt+Shift. The code, not the key: on a Mac,
   * Alt+Shift+P types "∏", and on other layouts the letter may move.
   */
  code: string;
  /** As `aria-keyshortcuts` spells it. */
  shortcut: string;
}

const control = (action: TimerAction, label: string, command: TimerCommand, letter: string): TimerControl => ({
  action,
  label,
  command,
  code: `Key${letter}`,
  shortcut: `Alt+Shift+${letter}`,
});

/**
 * Alt+Shift+letter: tldraw's shortcuts use Alt alone (align) or Alt+Shift+H/V (distribute), the
 * minutes editor uses Ctrl/Cmd, and Chromium and Firefox bind nothing to these.
 */
export const TIMER_CONTROLS: readonly TimerControl[] = [
  control('start', 'Start', { action: 'start' }, 'S'),
  control('present', 'Present', { action: 'present' }, 'P'),
  control('discuss', 'Discuss', { action: 'discuss' }, 'D'),
  control('extend', `Extend +${EXTEND_MINUTES} min`, { action: 'extend', minutes: EXTEND_MINUTES }, 'E'),
  control('end', 'End', { action: 'end' }, 'X'),
];

/**
 * Whether a button makes sense in this state. The server decides in the end; this keeps the
 * moderator from pressing what it would refuse or what would change nothing.
 */
export function isAllowed(action: TimerAction, state: TimerState | null): boolean {
  if (!state || state.phase === 'ended') return false;
  switch (action) {
    case 'start':
      return state.phase === 'scheduled';
    case 'present':
      return state.phase !== 'presentation' && !state.capReached;
    case 'discuss':
      return state.phase === 'presentation';
    case 'extend':
    case 'end':
      return true;
  }
}
