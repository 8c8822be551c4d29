import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { DOCUMENT_LAYOUT, isRole, type MinutesPerson, type PMNode } from '@roundtable/shared';
import type { StoredDocument } from '../storage/index.js';

export interface MinutesContent {
  minutes: PMNode;
  attendees: MinutesPerson[];
}

/**
 * The minutes and the attendee list as stored: what every process and a restarted server agree
 * on, since the export reads storage rather than one process's live room.
 */
export function readMinutesContent(stored: StoredDocument): MinutesContent {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    const content = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_LAYOUT.minutes)) as { content?: PMNode[] };
    return {
      minutes: { type: 'doc', content: content.content ?? [] },
      attendees: attendeesOf(doc.getMap(DOCUMENT_LAYOUT.attendees)),
    };
  } finally {
    doc.destroy();
  }
}

/**
 * The `attendees` map (name -> { role, firstSeenAt }) that every seated client adds itself to.
 * Entries that are not what a client writes are skipped: the map is writable by any attendee.
 */
function attendeesOf(map: Y.Map<unknown>): MinutesPerson[] {
  const people: MinutesPerson[] = [];
  for (const [name, value] of map) {
    const entry = value as { role?: unknown; firstSeenAt?: unknown } | null;
    const role = entry?.role;
    if (!name.trim() || !isRole(role) || role === 'follower') continue;
    const seen = typeof entry?.firstSeenAt === 'string' ? Date.parse(entry.firstSeenAt) : Number.NaN;
    people.push({ name: name.trim(), role, firstSeenAt: Number.isFinite(seen) ? seen : 0 });
  }
  return people.sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.name.localeCompare(b.name));
}
