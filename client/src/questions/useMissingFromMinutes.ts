import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Question } from '@roundtable/shared';
import { questionsNotInMinutes } from './insertQuestion';

/**
 * How long an inserted question may be missing from the minutes before the queue offers to write
 * it in. The mark reaches everyone's queue by socket.io and the paragraph by y-websocket (up to
 * 100 ms later in a busy room): for a moment it is usually missing, and a click then would write
 * it a second time.
 */
export const MISSING_GRACE_MS = 3000;

const nothing: ReadonlySet<string> = new Set();
/** Question ids are the server's (no line breaks): a list of them as one comparable string. */
const SEPARATOR = '\n';

/**
 * The ids of the questions marked inserted that are not in the minutes: the browser that marked
 * one did not get to write it (its answer was lost, its tab closed). Judged only on a document
 * that has what the server has (`doc` null before): a copy still loading lacks what others wrote.
 * Checked again on every change of the document, and shown once missing for MISSING_GRACE_MS;
 * the caller renders again only when the answer changes.
 */
export function useMissingFromMinutes(doc: Y.Doc | null, questions: readonly Question[]): ReadonlySet<string> {
  const inserted = useMemo(() => questions.filter((q) => q.status === 'inserted'), [questions]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!doc) return () => {};
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    [doc],
  );
  // A string: an unchanged answer is an equal snapshot, and React skips the render.
  const missing = useSyncExternalStore(subscribe, () =>
    doc ? questionsNotInMinutes(doc, inserted).map((q) => q.id).join(SEPARATOR) : '',
  );
  const [overdue, setOverdue] = useState(nothing);
  useEffect(() => {
    if (!missing) return;
    const timer = setTimeout(() => setOverdue(new Set(missing.split(SEPARATOR))), MISSING_GRACE_MS);
    return () => clearTimeout(timer);
  }, [missing]);
  return useMemo(() => (missing ? new Set(missing.split(SEPARATOR).filter((id) => overdue.has(id))) : nothing), [missing, overdue]);
}
