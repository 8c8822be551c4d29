import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
  DocumentRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  computed,
  createPresenceStateDerivation,
  react,
  type SerializedSchema,
  type TLDocument,
  type TLInstancePresence,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from 'tldraw';
import { boardMeta, boardRecords } from './boardDocument';

/** Transaction origin of the board's own writes, so its observer skips them. */
const LOCAL_ORIGIN = Symbol('board');

export type BindingProblem = { kind: 'newer-schema' } | { kind: 'unreadable-records'; count: number };

export interface BoardBindingOptions {
  /**
   * Whether the server's copy of the document is in. Only then may the board write its starting
   * records and schema; before (offline), they could overwrite what others already have.
   */
  serverSynced: boolean;
  store: TLStore;
  doc: Y.Doc;
  awareness: Awareness;
  user: { id: string; name: string; color: string };
  readOnly: boolean;
  /**
   * Whether this client's own cursor and viewport go out to the others (default yes). The
   * projector only watches: its cursor on everyone's board would be noise.
   */
  sharePresence?: boolean;
  onProblem: (problem: BindingProblem) => void;
}

/**
 * Binds a tldraw store to the session document both ways: the user's document changes go into
 * Yjs; remote changes come back as remote (`mergeRemoteChanges`, so they do not enter the local
 * undo stack). Presence (cursors, selections) goes through awareness, once per animation frame.
 * Returns the function that undoes the binding.
 */
export function bindBoard({ store, doc, awareness, user, readOnly, serverSynced, sharePresence = true, onProblem }: BoardBindingOptions): () => void {
  const records = boardRecords(doc);
  const meta = boardMeta(doc);
  const cleanups: (() => void)[] = [];

  const storedSchema = meta.get('schema') as SerializedSchema | undefined;
  if (storedSchema && store.schema.getMigrationsSince(storedSchema).ok === false) {
    // Written by a newer client: reading it could break it. Ask for a reload instead.
    onProblem({ kind: 'newer-schema' });
    return () => {};
  }

  // Load what the document holds, one record at a time: one bad record must not stop the rest.
  const stored = [...records.map.values()].map((entry) => entry.val);
  let unreadable = 0;
  store.mergeRemoteChanges(() => {
    for (const record of stored) {
      try {
        store.put([migrate(store, record, storedSchema)]);
      } catch {
        unreadable++;
      }
    }
  });
  if (unreadable > 0) onProblem({ kind: 'unreadable-records', count: unreadable });

  if (!readOnly && serverSynced) writeBoardBasics(store, doc);
  if (!readOnly) {
    cleanups.push(
      store.listen(
        ({ changes }) => {
          doc.transact(() => {
            for (const record of Object.values(changes.added)) records.set(record.id, record);
            for (const [, record] of Object.values(changes.updated)) records.set(record.id, record);
            for (const record of Object.values(changes.removed)) records.delete(record.id);
          }, LOCAL_ORIGIN);
        },
        { source: 'user', scope: 'document' },
      ),
    );
  }

  const onRemoteChange = (changes: Map<string, { action: 'add' | 'update' | 'delete' }>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return;
    // tldraw reports local changes once a frame: write ours first, or a stale local copy would
    // later overwrite the remote change we are about to apply.
    store._flushHistory();
    let bad = 0;
    store.mergeRemoteChanges(() => {
      for (const [id, change] of changes) {
        if (change.action === 'delete') {
          if (store.has(id as TLRecord['id'])) store.remove([id as TLRecord['id']]);
          continue;
        }
        const record = records.get(id);
        if (!record) continue;
        try {
          store.put([record]);
        } catch {
          bad++;
        }
      }
    });
    if (bad > 0) onProblem({ kind: 'unreadable-records', count: bad });
  };
  records.on('change', onRemoteChange);
  cleanups.push(() => records.off('change', onRemoteChange));

  cleanups.push(bindPresence(store, awareness, user, sharePresence));
  return () => cleanups.forEach((cleanup) => cleanup());
}

/**
 * The records every board needs and the schema it is written with, if the document has none yet.
 * Ids are fixed, so two first visitors write the same records and Yjs keeps one.
 */
export function writeBoardBasics(store: TLStore, doc: Y.Doc): void {
  const records = boardRecords(doc);
  const meta = boardMeta(doc);
  doc.transact(() => {
    if (!meta.has('schema')) meta.set('schema', store.schema.serialize());
    if (!records.has('document:document')) {
      const document = DocumentRecordType.create({ id: 'document:document' as TLDocument['id'] });
      records.set(document.id, document);
      store.mergeRemoteChanges(() => store.put([document]));
    }
    if (![...records.map.keys()].some((key) => key.startsWith('page:'))) {
      const page = PageRecordType.create({ id: 'page:page' as TLPageId, name: 'Board', index: 'a1' as never });
      records.set(page.id, page);
      store.mergeRemoteChanges(() => store.put([page]));
    }
  }, LOCAL_ORIGIN);
}

/** Brings a record written under an older schema up to ours; newer ones were refused above. */
function migrate(store: TLStore, record: TLRecord, storedSchema: SerializedSchema | undefined): TLRecord {
  if (!storedSchema) return record;
  const result = store.schema.migratePersistedRecord(record, storedSchema);
  if (result.type === 'error') throw new Error(`cannot migrate ${record.id}: ${result.reason}`);
  return result.value as TLRecord;
}

function bindPresence(store: TLStore, awareness: Awareness, user: { id: string; name: string; color: string }, share: boolean): () => void {
  const me = computed('user', () => user);
  const presence = createPresenceStateDerivation(me, InstancePresenceRecordType.createId(String(awareness.clientID)))(store);
  let frame = 0;
  // A pointer move can change presence many times a frame; send the latest once per frame.
  const stop = share
    ? react('send presence', () => {
        presence.get();
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          awareness.setLocalStateField('presence', presence.get());
        });
      })
    : () => {};

  const presenceIdOf = (clientId: number) => InstancePresenceRecordType.createId(String(clientId));
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const states = awareness.getStates() as Map<number, { presence?: TLInstancePresence }>;
    const toPut: TLInstancePresence[] = [];
    const toRemove = removed.map(presenceIdOf);
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue;
      const state = states.get(clientId)?.presence;
      // Only a presence record, under the id of the client that sent it: awareness is relayed
      // from anyone, followers included, and must never plant shapes or overwrite our records.
      if (state && state.typeName === 'instance_presence') toPut.push({ ...state, id: presenceIdOf(clientId) });
      else toRemove.push(presenceIdOf(clientId));
    }
    const stale = toRemove.filter((id) => store.has(id));
    store.mergeRemoteChanges(() => {
      if (stale.length) store.remove(stale);
      for (const record of toPut) {
        try {
          store.put([record]);
        } catch {
          // a peer on another tldraw version: skip its cursor
        }
      }
    });
  };
  // Peers already here when the board opens are shown at once, not at their next move.
  onAwareness({ added: [...awareness.getStates().keys()], updated: [], removed: [] });
  awareness.on('update', onAwareness);
  return () => {
    stop();
    if (frame) cancelAnimationFrame(frame);
    awareness.off('update', onAwareness);
    awareness.setLocalStateField('presence', null);
  };
}
