import { ASKER_ID_PATTERN } from '@roundtable/shared';

const KEY = 'roundtable:asker-id';

/**
 * A random id this browser keeps, sent when the control socket opens: the server shows a follower
 * the questions asked under it again after a reload. Not a secret of any weight: it only tells
 * which questions were yours.
 */
export function askerId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()): string {
  const kept = storage?.getItem(KEY);
  if (kept && ASKER_ID_PATTERN.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const made = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
  try {
    storage?.setItem(KEY, made);
  } catch {
    // private browsing with storage full or off: the id lasts as long as the page
  }
  return made;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
