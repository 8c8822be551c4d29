// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, toRichText, type TLRecord, type TLShapeId } from 'tldraw';
import { boardMeta, boardRecords } from './boardDocument';
import { bindBoard, type BindingProblem } from './yjsBoardBinding';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function client(doc: Y.Doc, readOnly = false) {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  const problems: BindingProblem[] = [];
  const awareness = new Awareness(doc);
  const unbind = bindBoard({
    store,
    doc,
    awareness,
    user: { id: String(doc.clientID), name: 'T', color: '#000' },
    readOnly,
    serverSynced: true,
    onProblem: (p) => problems.push(p),
  });
  cleanups.push(unbind, () => awareness.destroy());
  return { store, problems, awareness };
}

/** Two documents kept in sync as the server would. */
function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

function geo(id: string, x: number): TLRecord {
  return {
    id: createShapeId(id),
    typeName: 'shape',
    type: 'geo',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 100, h: 100, geo: 'rectangle', color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', richText: toRichText(''), align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1,
    },
  } as unknown as TLRecord;
}

describe('bindBoard', () => {
  it('carries a user change to the other store as a remote change, both ways', () => {
    const [docA, docB] = linkedDocs();
    const a = client(docA);
    const b = client(docB);
    a.store.put([geo('one', 10)]);
    expect(b.store.get(createShapeId('one'))).toMatchObject({ x: 10 });
    b.store.update(createShapeId('one') as TLShapeId, (r) => ({ ...r, x: 99 }));
    expect(a.store.get(createShapeId('one'))).toMatchObject({ x: 99 });
    a.store.remove([createShapeId('one')]);
    expect(b.store.has(createShapeId('one'))).toBe(false);
  });

  it('keeps syncing everything else when one stored record is unreadable', () => {
    const doc = new Y.Doc();
    const seed = client(doc);
    seed.store.put([geo('good', 1)]);
    boardRecords(doc).set('shape:broken', { id: 'shape:broken', typeName: 'shape', type: 'geo', props: 'garbage' } as never);
    const late = client(doc, true);
    expect(late.store.has(createShapeId('good'))).toBe(true);
    expect(late.problems).toEqual([{ kind: 'unreadable-records', count: 1 }]);
  });

  it('asks for a reload instead of reading a board written by a newer schema', () => {
    const doc = new Y.Doc();
    client(doc);
    const schema = boardMeta(doc).get('schema') as { sequences: Record<string, number> };
    const newer = { ...schema, sequences: Object.fromEntries(Object.entries(schema.sequences).map(([k, v]) => [k, v + 100])) };
    boardMeta(doc).set('schema', newer);
    const old = client(doc);
    expect(old.problems).toEqual([{ kind: 'newer-schema' }]);
  });

  it('takes only presence records from awareness, never a shape in disguise', () => {
    const doc = new Y.Doc();
    const { store, awareness } = client(doc);
    const peer = new Awareness(new Y.Doc());
    cleanups.push(() => peer.destroy());
    peer.setLocalStateField('presence', geo('planted', 5));
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(peer, [peer.clientID]), 'remote');
    expect(store.has(createShapeId('planted'))).toBe(false);
    expect(boardRecords(doc).has(createShapeId('planted'))).toBe(false);
  });

  it('never writes from a read-only board', () => {
    const doc = new Y.Doc();
    const follower = client(doc, true);
    follower.store.put([geo('vandal', 0)]);
    expect(boardRecords(doc).has(createShapeId('vandal'))).toBe(false);
  });
});
