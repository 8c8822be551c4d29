import type { TimerControl } from './timerControls';

export interface ShortcutKey {
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
}

/** The control whose shortcut `event` is, if any. A held key (auto-repeat) does not fire again. */
export function controlForKey<C extends TimerControl>(event: ShortcutKey, controls: readonly C[]): C | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return null;
  return controls.find((c) => c.code === event.code) ?? null;
}

/**
 * Whether keys pressed in `target` are typing: the minutes editor and tldraw's text editing are
 * content-editable, the rest are form fields. Shortcuts stay out of their way.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
