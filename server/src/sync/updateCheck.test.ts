import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { checkUpdate } from './updateCheck.js';
import { MAX_VALUE_DEPTH, isNestedDeeperThan } from './valueDepth.js';

/** A varint lib0 decodes as Infinity: 147 zero continuation bytes, then 1. */
const INFINITY = [...new Array<number>(147).fill(0x80), 0x01];
/** A varint lib0 decodes as NaN. */
const NAN = [...new Array<number>(150).fill(0x80), 0x00];

function varUint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 128; n = Math.floor(n / 128)) out.push(0x80 | n % 128);
  out.push(n);
  return out;
}

/** A V1 update of one GC struct, spelled by hand: no Yjs writer takes these numbers. */
const gcUpdate = (client: number[], clock: number[], length: number[]) => new Uint8Array([1, 1, ...client, ...clock, 0, ...length, 0]);

/** A V1 update of one item whose content is a JSON text embed, in root `t`. */
function embedUpdate(json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of [1, 1, 7, 0]) encoding.writeVarUint(encoder, n); // 1 client, 1 struct, client 7, clock 0
  encoding.writeUint8(encoder, 5); // ContentEmbed, no origins: the parent follows
  encoding.writeVarUint(encoder, 1); // parent is a root type, by name
  encoding.writeVarString(encoder, 't');
  encoding.writeVarString(encoder, json);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('checkUpdate', () => {
  it('lets every real update through: maps, text with formats and embeds, XML, arrays, deletions, subdocuments', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getMap('m').set('k', { nested: [1, { deeper: 'yes' }], bytes: new Uint8Array([1, 2]) });
    doc.getText('t').insert(0, 'hello', { bold: true });
    doc.getText('t').insertEmbed(2, { image: 'x.png' });
    doc.getText('t').delete(0, 1);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('text')]);
    doc.getXmlFragment('minutes').insert(0, [paragraph]);
    doc.getArray('a').insert(0, [1, 'two', null]);
    doc.getMap('m').set('sub', new Y.Doc());
    for (const update of [...updates, Y.encodeStateAsUpdate(doc)]) expect(() => checkUpdate(update)).not.toThrow();
  });

  it('refuses client ids, clocks and lengths that lib0 reads as Infinity or NaN, or past 2^53', () => {
    const cases = [
      gcUpdate(INFINITY, [0], [1]), // Yjs would integrate it, and then loop forever writing client Infinity
      gcUpdate(NAN, [0], [1]),
      gcUpdate([7], INFINITY, [1]),
      gcUpdate([7], [0], INFINITY),
      gcUpdate([7], [0], NAN),
      gcUpdate(varUint(2 ** 53), [0], [1]),
      gcUpdate([7], varUint(2 ** 53 - 1), [1]), // its end is past 2^53
    ];
    for (const update of cases) expect(() => checkUpdate(update)).toThrow(/out of range/);
    expect(() => checkUpdate(gcUpdate([7], varUint(2 ** 53 - 2), [1]))).not.toThrow();
  });

  it('refuses a deletion out of range', () => {
    const update = new Uint8Array([0, 1, 7, 1, 0, ...INFINITY]); // no structs; client 7 deletes [0, Infinity)
    expect(() => checkUpdate(update)).toThrow(/out of range/);
  });

  it('refuses values nested too deeply to be written back, which would break every later write of the document', () => {
    expect(() => checkUpdate(embedUpdate(deepArrays(MAX_VALUE_DEPTH)))).not.toThrow();
    expect(() => checkUpdate(embedUpdate(deepArrays(MAX_VALUE_DEPTH + 1)))).toThrow(/nested too deeply/);
    // Deep enough that JSON.stringify overflows: the room would fail to store it and close everyone.
    expect(() => checkUpdate(embedUpdate(deepArrays(20_000)))).toThrow(/nested too deeply/);
  });

  it('refuses what does not decode', () => {
    for (const update of [new Uint8Array([]), new Uint8Array([1, 2, 3, 200, 200, 7]), embedUpdate('{').slice(0, 6)]) {
      expect(() => checkUpdate(update)).toThrow(/undecodable/);
    }
  });
});

describe('isNestedDeeperThan', () => {
  it('counts arrays and objects, not bytes, and never recurses itself', () => {
    expect(isNestedDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(isNestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(isNestedDeeperThan(new Uint8Array(5), 0)).toBe(false);
    expect(isNestedDeeperThan('[[[', 0)).toBe(false);
    expect(isNestedDeeperThan(JSON.parse(deepArrays(100_000)))).toBe(true);
  });
});
