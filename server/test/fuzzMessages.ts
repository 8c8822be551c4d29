import * as Y from 'yjs';
import { MAX_SYNC_MESSAGE_BYTES } from '@roundtable/shared';

/**
 * Seeded generator of hostile y-websocket frames for the sync endpoint's fuzz test
 * (`syncFuzz.test.ts`). The same seed gives the same frames in the same order, so a failure can be
 * replayed with `FUZZ_SEED`; where the server closes a connection, and so which frames share one,
 * depends on timing (and each new connection's awareness client id with it).
 */

/** mulberry32: small, fast and good enough to pick garbage; not for anything secret. */
export class FuzzRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** An integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }

  /** An independent generator derived from this one (one per attacker). */
  fork(): FuzzRandom {
    return new FuzzRandom(this.int(2 ** 32));
  }
}

export const FUZZ_FAMILIES = [
  'random-bytes',
  'empty',
  'text-frame',
  'bad-varint',
  'huge-length',
  'wrong-type',
  'step1-garbage',
  'update-random',
  'update-bitflip',
  'update-truncated',
  'update-spliced',
  'update-missing-deps',
  'update-crafted',
  'update-valid',
  'awareness-garbage',
  'awareness-valid',
  'query-awareness',
  'auth',
  'ws-framing',
  'oversized',
] as const;
export type FuzzFamily = (typeof FUZZ_FAMILIES)[number];

/** How often each family comes up, relative to the others. */
const WEIGHTS: Record<FuzzFamily, number> = {
  'random-bytes': 8,
  empty: 2,
  'text-frame': 4,
  'bad-varint': 7,
  'huge-length': 6,
  'wrong-type': 4,
  'step1-garbage': 3,
  'update-random': 5,
  'update-bitflip': 9,
  'update-truncated': 5,
  'update-spliced': 5,
  'update-missing-deps': 6,
  'update-crafted': 9,
  'update-valid': 7,
  'awareness-garbage': 10,
  'awareness-valid': 4,
  'query-awareness': 3,
  auth: 2,
  'ws-framing': 2,
  oversized: 0.2,
};

/** Oversized frames are 8 MiB each: a few per generator show the limit holds without slowing the run. */
const MAX_OVERSIZED = 2;

export interface FuzzFrame {
  family: FuzzFamily;
  data: Uint8Array;
  /** Send as a text frame (the bytes may well not be UTF-8). */
  text?: boolean;
  /** Write the bytes straight to the TCP socket, bypassing websocket framing. */
  raw?: boolean;
}

/** A varint lib0 decodes as Infinity (147 zero continuation bytes, then 1): `writeVarUint(Infinity)` never returns. */
export const INFINITY_VARINT = new Uint8Array([...new Array<number>(147).fill(0x80), 0x01]);
/** A varint lib0 decodes as NaN. */
export const NAN_VARINT = new Uint8Array([...new Array<number>(150).fill(0x80), 0x00]);

/** A number to write as a varint, or one of the encodings lib0 decodes to a non-number. */
type VarNumber = number | 'inf' | 'nan';

/** Byte builder for hand-made messages, with varints of any value (lib0's writer loops on Infinity). */
class Bytes {
  private readonly parts: number[] = [];

  varUint(value: VarNumber): this {
    if (value === 'inf') return this.raw(INFINITY_VARINT);
    if (value === 'nan') return this.raw(NAN_VARINT);
    let n = value;
    while (n >= 128) {
      this.parts.push(0x80 | n % 128);
      n = Math.floor(n / 128);
    }
    this.parts.push(n);
    return this;
  }

  string(value: string): this {
    const bytes = new TextEncoder().encode(value);
    return this.varUint(bytes.length).raw(bytes);
  }

  bytesWithLength(bytes: Uint8Array): this {
    return this.varUint(bytes.length).raw(bytes);
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.parts.push(bytes[i]!);
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const syncMessage = (syncType: VarNumber, payload: Uint8Array) => new Bytes().varUint(0).varUint(syncType).bytesWithLength(payload).build();
const awarenessMessage = (update: Uint8Array) => new Bytes().varUint(1).bytesWithLength(update).build();

/** Yjs content refs (yjs/src/structs/Item.js). */
const CONTENT = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;
/** Item info bits: an origin, a right origin, a parentSub follow. */
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;

/** Roots the attackers' real updates write to: never the honest clients' ones. */
export const FUZZ_ROOTS = { map: 'fuzz-map', text: 'fuzz-text', xml: 'fuzz-xml', array: 'fuzz-array' } as const;

/**
 * One attacker's source of frames. It keeps a donor document of its own whose real updates it
 * sends as they are (so the room really changes meanwhile) or mutated.
 */
export class FuzzMessages {
  private donor!: Y.Doc;
  private donorUpdates: Uint8Array[] = [];
  /** Real updates to mutate, the latest few of every donor this generator had. */
  private readonly corpus: Uint8Array[] = [];
  private awarenessClientId: number;
  private awarenessClock = 0;
  private oversized = 0;
  private readonly totalWeight = FUZZ_FAMILIES.reduce((sum, f) => sum + WEIGHTS[f], 0);
  /** Draws for connections, apart from the frames' own: how many connections there are depends on timing. */
  private readonly connections: FuzzRandom;

  constructor(private readonly random: FuzzRandom) {
    this.connections = random.fork();
    this.awarenessClientId = this.connections.int(2 ** 32);
    this.newDonor();
  }

  /** A new connection starts: a fresh awareness client id (a browser tab keeps its own; an attacker need not). */
  newConnection(): void {
    this.awarenessClientId = this.connections.int(2 ** 32);
    this.awarenessClock = 0;
  }

  /** How many frames to send on a new connection before leaving it, if the server has not closed it. */
  framesPerConnection(): number {
    return this.connections.range(1, 40);
  }

  next(): FuzzFrame {
    const family = this.pickFamily();
    return { family, ...this.generate(family) };
  }

  private pickFamily(): FuzzFamily {
    for (;;) {
      let roll = this.random.next() * this.totalWeight;
      for (const family of FUZZ_FAMILIES) {
        roll -= WEIGHTS[family];
        if (roll < 0) {
          if (family === 'oversized' && this.oversized >= MAX_OVERSIZED) break;
          return family;
        }
      }
    }
  }

  private generate(family: FuzzFamily): Omit<FuzzFrame, 'family'> {
    const r = this.random;
    switch (family) {
      case 'random-bytes':
        return { data: r.bytes(r.chance(0.9) ? r.range(1, 64) : r.range(65, 4096)) };
      case 'empty':
        return { data: new Uint8Array(0) };
      case 'text-frame':
        return this.textFrame();
      case 'bad-varint':
        return { data: this.badVarint() };
      case 'huge-length':
        return { data: this.hugeLength() };
      case 'wrong-type':
        return { data: this.wrongType() };
      case 'step1-garbage':
        return { data: syncMessage(0, r.chance(0.5) ? r.bytes(r.range(0, 40)) : this.garbageStateVector()) };
      case 'update-random':
        return { data: this.updateMessage(r.bytes(r.range(0, 200))) };
      case 'update-bitflip':
        return { data: this.updateMessage(this.bitflip(this.corpusUpdate())) };
      case 'update-truncated': {
        const update = this.corpusUpdate();
        return { data: this.updateMessage(update.slice(0, r.int(Math.max(1, update.length)))) };
      }
      case 'update-spliced':
        return { data: this.updateMessage(this.splice(this.corpusUpdate(), this.corpusUpdate())) };
      case 'update-missing-deps':
        return { data: this.updateMessage(this.missingDependencies()) };
      case 'update-crafted':
        return { data: this.updateMessage(this.craftedUpdate()) };
      case 'update-valid':
        return { data: this.validUpdate() };
      case 'awareness-garbage':
        return { data: this.awarenessGarbage() };
      case 'awareness-valid':
        return { data: awarenessMessage(this.awarenessUpdate([[this.awarenessClientId, ++this.awarenessClock, json({ user: { name: 'fuzz' }, cursor: { x: r.int(1000) } })]])) };
      case 'query-awareness':
        return { data: new Bytes().varUint(3).raw(r.chance(0.3) ? [] : r.bytes(r.range(1, 30))).build() };
      case 'auth':
        return { data: new Bytes().varUint(2).raw(r.chance(0.2) ? [] : r.bytes(r.range(1, 30))).build() };
      case 'ws-framing':
        return { data: this.brokenWebsocketFrame(), raw: true };
      case 'oversized':
        this.oversized++;
        return { data: new Uint8Array(MAX_SYNC_MESSAGE_BYTES + 1) };
    }
  }

  // --- real updates -----------------------------------------------------------------------------

  private newDonor(): void {
    this.donor?.destroy();
    this.donor = new Y.Doc();
    this.donor.clientID = this.random.int(2 ** 32);
    this.donorUpdates = [];
    this.donor.on('update', (update: Uint8Array) => {
      this.donorUpdates.push(update);
      this.corpus.push(update);
      if (this.corpus.length > 200) this.corpus.splice(0, 100);
    });
    for (let i = 0; i < 5; i++) this.donorEdit(this.donor);
  }

  /** One random edit of the donor, through the Yjs API: every kind of content Yjs encodes. */
  private donorEdit(doc: Y.Doc): void {
    const r = this.random;
    const map = doc.getMap(FUZZ_ROOTS.map);
    const text = doc.getText(FUZZ_ROOTS.text);
    const xml = doc.getXmlFragment(FUZZ_ROOTS.xml);
    const array = doc.getArray(FUZZ_ROOTS.array);
    switch (r.int(9)) {
      case 0:
        map.set(`k${r.int(20)}`, this.anyValue(3));
        break;
      case 1:
        if (map.size > 0) map.delete(r.pick([...map.keys()]));
        else map.set('k', r.int(10));
        break;
      case 2:
        text.insert(r.int(text.length + 1), r.pick(['a', 'hello ', 'ünï', '😀', 'x'.repeat(r.range(1, 200))]), r.chance(0.3) ? { bold: true } : undefined);
        break;
      case 3:
        if (text.length > 2) text.format(r.int(text.length - 1), 1, { italic: r.chance(0.5) ? true : null, href: 'https://example.org' });
        else text.insertEmbed(0, { image: 'x.png', n: r.int(10) });
        break;
      case 4:
        if (text.length > 3) text.delete(r.int(text.length - 2), r.range(1, 2));
        else text.insert(0, 'abc');
        break;
      case 5: {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('align', r.pick(['left', 'right']));
        paragraph.insert(0, [new Y.XmlText(`fuzz ${r.int(1000)}`)]);
        xml.insert(r.int(xml.length + 1), [paragraph]);
        break;
      }
      case 6:
        if (xml.length > 1) xml.delete(r.int(xml.length), 1);
        else xml.insert(0, [new Y.XmlText('t')]);
        break;
      case 7:
        array.insert(r.int(array.length + 1), [this.anyValue(2), r.chance(0.2) ? new Uint8Array(r.bytes(8)) : 'v']);
        break;
      default:
        if (array.length > 0) array.delete(r.int(array.length), 1);
        else if (r.chance(0.2)) map.set('subdoc', new Y.Doc());
        else array.push([1]);
    }
  }

  private anyValue(depth: number): unknown {
    const r = this.random;
    switch (depth > 0 ? r.int(7) : r.int(4)) {
      case 0:
        return r.int(2 ** 31) * (r.chance(0.5) ? 1 : -1);
      case 1:
        return r.next() * 1e6;
      case 2:
        return r.pick(['', 'x', 'some words', '\u0000\uffff']);
      case 3:
        return r.pick([true, false, null]);
      case 4:
        return [this.anyValue(depth - 1), this.anyValue(depth - 1)];
      case 5:
        return { a: this.anyValue(depth - 1), b: this.anyValue(depth - 1) };
      default:
        return 2 ** 40 + r.int(1000);
    }
  }

  /** The donor's next edit, as a sync update (or its whole state as sync step 2): valid, applied by the room. */
  private validUpdate(): Uint8Array {
    if (this.donorUpdates.length > 300) this.newDonor();
    if (this.random.chance(0.2)) return syncMessage(1, Y.encodeStateAsUpdate(this.donor));
    this.donorEdit(this.donor);
    return syncMessage(2, this.donorUpdates[this.donorUpdates.length - 1] ?? new Uint8Array([0, 0]));
  }

  private corpusUpdate(): Uint8Array {
    if (this.random.chance(0.1)) return Y.encodeStateAsUpdate(this.donor);
    return this.random.pick(this.corpus);
  }

  /** Sync update or sync step 2 (both carry a Yjs update), sometimes with junk after it. */
  private updateMessage(update: Uint8Array): Uint8Array {
    const message = syncMessage(this.random.chance(0.7) ? 2 : 1, update);
    if (!this.random.chance(0.1)) return message;
    return new Bytes().raw(message).raw(this.random.bytes(this.random.range(1, 8))).build();
  }

  private bitflip(update: Uint8Array): Uint8Array {
    const r = this.random;
    const out = update.slice();
    if (out.length === 0) return out;
    for (let n = r.range(1, 8); n > 0; n--) {
      const at = r.int(out.length);
      if (r.chance(0.7)) out[at]! ^= 1 << r.int(8);
      else out[at] = r.pick([0x00, 0x01, 0x7f, 0x80, 0xff]);
    }
    return out;
  }

  private splice(a: Uint8Array, b: Uint8Array): Uint8Array {
    const r = this.random;
    const head = a.slice(0, r.int(a.length + 1));
    const tail = b.slice(r.int(b.length + 1));
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  }

  /**
   * Valid updates whose dependencies never arrive: a client's later edits without its first ones,
   * an insertion next to another client's text the room never got, deletions of unknown structs.
   */
  private missingDependencies(): Uint8Array {
    const r = this.random;
    const doc = new Y.Doc();
    doc.clientID = r.int(2 ** 32);
    try {
      switch (r.int(3)) {
        case 0: {
          for (let i = r.range(1, 4); i > 0; i--) this.donorEdit(doc);
          const before = Y.encodeStateVector(doc);
          for (let i = r.range(1, 3); i > 0; i--) this.donorEdit(doc);
          return Y.encodeStateAsUpdate(doc, before);
        }
        case 1: {
          doc.getText(FUZZ_ROOTS.text).insert(0, 'unseen text');
          const other = new Y.Doc();
          other.clientID = r.int(2 ** 32);
          Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
          const before = Y.encodeStateVector(other);
          other.getText(FUZZ_ROOTS.text).insert(r.range(1, 10), 'between');
          if (r.chance(0.5)) other.getText(FUZZ_ROOTS.text).delete(0, 2);
          const update = Y.encodeStateAsUpdate(other, before);
          other.destroy();
          return update;
        }
        default:
          // No structs, a delete set for a client and clocks nobody has.
          return new Bytes()
            .varUint(0)
            .varUint(1)
            .varUint(r.int(2 ** 32))
            .varUint(1)
            .varUint(r.int(1000))
            .varUint(r.range(1, 100))
            .build();
      }
    } finally {
      doc.destroy();
    }
  }

  // --- hand-made updates ------------------------------------------------------------------------

  /** Extreme numbers where Yjs does arithmetic with them, and contents that parse but cannot be written back. */
  private craftedUpdate(): Uint8Array {
    const r = this.random;
    const out = new Bytes();
    const structClients = r.chance(0.1) ? 0 : r.range(1, 2);
    out.varUint(structClients);
    for (let c = 0; c < structClients; c++) {
      const structs = r.range(1, 3);
      out.varUint(structs).varUint(this.extremeClient()).varUint(this.extremeClock());
      for (let s = 0; s < structs; s++) this.craftedStruct(out);
    }
    const dsClients = r.chance(0.5) ? 0 : r.range(1, 2);
    out.varUint(dsClients);
    for (let c = 0; c < dsClients; c++) {
      out.varUint(this.extremeClient()).varUint(1).varUint(this.extremeClock()).varUint(this.extremeLength());
    }
    return out.build();
  }

  private craftedStruct(out: Bytes): void {
    const r = this.random;
    const kind = r.int(12);
    if (kind === 0) return void out.varUint(0).varUint(this.extremeLength()); // GC
    if (kind === 1) return void out.raw([10]).varUint(this.extremeLength()); // Skip
    const ref = r.pick([CONTENT.deleted, CONTENT.json, CONTENT.string, CONTENT.embed, CONTENT.format, CONTENT.type, CONTENT.any, CONTENT.binary]);
    const origin = r.chance(0.3);
    const rightOrigin = r.chance(0.2);
    const parentSub = !origin && !rightOrigin && r.chance(0.3);
    out.raw([ref | (origin ? HAS_ORIGIN : 0) | (rightOrigin ? HAS_RIGHT_ORIGIN : 0) | (parentSub ? HAS_PARENT_SUB : 0)]);
    if (origin) out.varUint(this.extremeClient()).varUint(this.extremeClock());
    if (rightOrigin) out.varUint(this.extremeClient()).varUint(this.extremeClock());
    if (!origin && !rightOrigin) {
      if (r.chance(0.8)) out.varUint(1).string(r.pick(Object.values(FUZZ_ROOTS)));
      else out.varUint(0).varUint(this.extremeClient()).varUint(this.extremeClock());
      if (parentSub) out.string(r.pick(['k', '', 'role']));
    }
    switch (ref) {
      case CONTENT.deleted:
        out.varUint(this.extremeLength());
        break;
      case CONTENT.json:
        out.varUint(r.range(1, 2));
        out.string(this.deepJson());
        out.string(r.pick(['undefined', '{', '1']));
        break;
      case CONTENT.string:
        out.string(r.pick(['x', '\ud800', 'a'.repeat(r.range(1, 50))]));
        break;
      case CONTENT.embed:
        out.string(r.chance(0.7) ? this.deepJson() : r.pick(['{', '', 'null']));
        break;
      case CONTENT.format:
        out.string(r.pick(['bold', 'href', ''])).string(this.deepJson());
        break;
      case CONTENT.type:
        out.varUint(r.pick<VarNumber>([0, 3, 5, 6, 7, 99, 'inf', 'nan']));
        if (r.chance(0.7)) out.string(r.pick(['paragraph', '', 'x'.repeat(300)]));
        break;
      case CONTENT.any:
        out.varUint(1);
        this.deepAny(out);
        break;
      case CONTENT.binary:
        out.varUint(r.pick<VarNumber>([0, 3, 2 ** 32, 'inf'])).raw(r.bytes(3));
        break;
    }
  }

  private extremeClient(): VarNumber {
    return this.random.pick<VarNumber>([this.random.int(2 ** 32), this.random.int(2 ** 32), 0, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 60, 'inf', 'nan']);
  }

  private extremeClock(): VarNumber {
    return this.random.pick<VarNumber>([0, 0, 1, this.random.int(100), 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 60, 'inf', 'nan']);
  }

  private extremeLength(): VarNumber {
    return this.random.pick<VarNumber>([1, 1, this.random.range(2, 100), 2 ** 31, 2 ** 52, 2 ** 53 - 1, 2 ** 53, 'inf', 'nan']);
  }

  /** JSON nested deeper than JSON.stringify can write back (V8 parses it, iteratively, but writes recursively). */
  private deepJson(): string {
    const depth = this.random.pick([1, 50, 5_000, 20_000]);
    return this.random.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  }

  /** A lib0 "any" value: arrays nested to a random depth. */
  private deepAny(out: Bytes): void {
    const depth = this.random.pick([1, 100, 3_000, 8_000, 20_000]);
    for (let i = 0; i < depth; i++) out.raw([117]).varUint(1); // array of one
    out.raw([125]).varUint(1); // integer 1
  }

  private garbageStateVector(): Uint8Array {
    const out = new Bytes().varUint(this.random.pick<VarNumber>([1, 3, 2 ** 32, 'inf']));
    for (let i = 0; i < 3; i++) out.varUint(this.extremeClient()).varUint(this.extremeClock());
    return out.build();
  }

  // --- framing garbage --------------------------------------------------------------------------

  private textFrame(): Omit<FuzzFrame, 'family'> {
    const r = this.random;
    switch (r.int(4)) {
      case 0:
        return { data: new TextEncoder().encode(r.pick(['', 'hello', '{"type":"sync"}', '\u0000\u0002\u0001', 'ü'.repeat(100)])), text: true };
      case 1:
        return { data: r.bytes(r.range(1, 40)), text: true }; // almost never UTF-8
      case 2:
        return { data: new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80]), text: true }; // invalid UTF-8 sequences
      default:
        // A well-formed awareness query, as text.
        return { data: new Uint8Array([3]), text: true };
    }
  }

  private badVarint(): Uint8Array {
    const r = this.random;
    const continuation = r.bytes(r.range(10, 20)).map((b) => b | 0x80);
    const overlong = r.chance(0.5) ? Uint8Array.from([...continuation, r.int(128)]) : continuation; // terminated or truncated
    const zeros = Uint8Array.from([...new Array<number>(r.range(10, 30)).fill(0x80), r.pick([0, 1, 2, 3])]); // overlong spellings of small numbers
    const value = r.pick([overlong, zeros, INFINITY_VARINT, NAN_VARINT]);
    switch (r.int(6)) {
      case 0:
        return new Bytes().raw(value).raw(r.bytes(r.range(0, 10))).build(); // the message type
      case 1:
        return new Bytes().varUint(0).raw(value).raw(r.bytes(r.range(0, 10))).build(); // the sync type
      case 2:
        return new Bytes().varUint(0).varUint(r.pick([0, 1, 2])).raw(value).raw(r.bytes(r.range(0, 10))).build(); // the length
      case 3:
        return new Bytes().varUint(1).raw(value).raw(r.bytes(r.range(0, 10))).build(); // the awareness length
      case 4: {
        // Inside an awareness update: the count, a client id or a clock.
        const entry = new Bytes().raw(value).varUint(r.int(100)).string('{}').build();
        const update = r.chance(0.5) ? new Bytes().varUint(1).raw(entry).build() : new Bytes().varUint(1).varUint(r.int(2 ** 32)).raw(value).string('{}').build();
        return awarenessMessage(update);
      }
      default:
        // Inside a Yjs update: the struct count, the client or the clock.
        return syncMessage(2, new Bytes().varUint(1).varUint(1).raw(value).varUint(0).raw([4]).varUint(1).string(FUZZ_ROOTS.text).string('x').varUint(0).build());
    }
  }

  private hugeLength(): Uint8Array {
    const r = this.random;
    const length = r.pick([2 ** 31 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53, 2 ** 60, 1e300]);
    const head = r.chance(0.7) ? new Bytes().varUint(0).varUint(r.pick([0, 1, 2])) : new Bytes().varUint(1);
    return head.varUint(length).raw(r.bytes(r.range(0, 32))).build();
  }

  private wrongType(): Uint8Array {
    const r = this.random;
    if (r.chance(0.5)) return new Bytes().varUint(r.pick([4, 5, 100, 127, 128, 2 ** 31, 2 ** 53 - 1])).raw(r.bytes(r.range(0, 20))).build();
    return syncMessage(r.pick([3, 4, 255, 2 ** 32]), r.bytes(r.range(0, 20)));
  }

  // --- awareness --------------------------------------------------------------------------------

  private awarenessUpdate(entries: [VarNumber, VarNumber, Uint8Array][], count: VarNumber = entries.length): Uint8Array {
    const out = new Bytes().varUint(count);
    for (const [clientId, clock, state] of entries) out.varUint(clientId).varUint(clock).bytesWithLength(state);
    return out.build();
  }

  private awarenessGarbage(): Uint8Array {
    const r = this.random;
    const own = this.awarenessClientId;
    const state = () => json({ user: { name: 'x' }, role: r.pick(['moderator', 'follower', 'attendee']) });
    let update: Uint8Array;
    switch (r.int(9)) {
      case 0: {
        // A count that is not the number of entries.
        const entries: [VarNumber, VarNumber, Uint8Array][] = [[own, ++this.awarenessClock, state()]];
        update = this.awarenessUpdate(entries, r.pick<VarNumber>([0, 2, 5, 2 ** 32, 2 ** 53, 'inf', 'nan']));
        break;
      }
      case 1:
        // States that are not JSON.
        update = this.awarenessUpdate([[own, ++this.awarenessClock, r.pick([r.bytes(r.range(1, 30)), json('x').slice(0, 2), new Uint8Array(0), new TextEncoder().encode('{"a":'), new Uint8Array([0xff, 0xfe])])]]);
        break;
      case 2:
        // Huge, infinite or not-a-number client ids.
        update = this.awarenessUpdate([[r.pick<VarNumber>([2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 60, 'inf', 'nan']), r.range(1, 5), state()]]);
        break;
      case 3:
        // Clocks at 2^53 and beyond.
        update = this.awarenessUpdate([[own, r.pick<VarNumber>([2 ** 53 - 1, 2 ** 53, 2 ** 60, 'inf', 'nan']), state()]]);
        break;
      case 4: {
        // Many entries, for made-up clients.
        const entries: [VarNumber, VarNumber, Uint8Array][] = [];
        for (let n = r.range(50, 2000); n > 0; n--) entries.push([r.int(2 ** 32), r.range(1, 10), json({ n })]);
        update = this.awarenessUpdate(entries);
        break;
      }
      case 5:
        // JSON nested past what can be written back.
        update = this.awarenessUpdate([[own, ++this.awarenessClock, new TextEncoder().encode(this.deepJson())]]);
        break;
      case 6:
        // States that are JSON but not objects, and removals of others' states.
        update = this.awarenessUpdate([
          [own, ++this.awarenessClock, r.pick([json(1), json('s'), json([1, 2]), json(null), json(true)])],
          [r.int(2 ** 32), r.range(1, 3), json(null)],
        ]);
        break;
      case 7:
        // Bytes after the last entry.
        update = new Bytes().raw(this.awarenessUpdate([[own, ++this.awarenessClock, state()]])).raw(r.bytes(r.range(1, 10))).build();
        break;
      default:
        update = r.bytes(r.range(0, 40));
    }
    return awarenessMessage(update);
  }

  // --- websocket framing ------------------------------------------------------------------------

  /** Bytes that break RFC 6455 itself: unmasked frames, reserved bits and opcodes, bad control frames. */
  private brokenWebsocketFrame(): Uint8Array {
    const r = this.random;
    const mask = [1, 2, 3, 4];
    switch (r.int(6)) {
      case 0:
        return Uint8Array.from([0x82, 0x03, 0, 0, 0]); // unmasked binary frame
      case 1:
        return Uint8Array.from([0x80 | r.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xf]), 0x80, ...mask]); // reserved opcode
      case 2:
        return Uint8Array.from([0x82 | r.pick([0x40, 0x20, 0x10]), 0x80, ...mask]); // RSV bits without an extension
      case 3:
        return Uint8Array.from([0x89, 0x80 | 126, 0x00, 0xc8, ...mask, ...new Array<number>(200).fill(0)]); // ping over 125 bytes
      case 4:
        return Uint8Array.from([0x82, 0x80 | 127, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, ...mask]); // 64-bit length past 2^53
      default:
        return Uint8Array.from([0x00, 0x80, ...mask]); // continuation with nothing to continue
    }
  }
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** The seed to use: `FUZZ_SEED` to replay a run, else a fresh one (printed by the test). */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FUZZ_SEED;
  if (given === 'random') return Math.floor(Math.random() * 2 ** 32);
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32), got "${given}"`);
    return seed;
  }
  // A fixed seed by default: the suite is the same on every run and in CI; FUZZ_SEED=random explores.
  return DEFAULT_FUZZ_SEED;
}

/** The seed of every run that names none. */
export const DEFAULT_FUZZ_SEED = 20261207;

/** How many frames the attackers send in all: `FUZZ_COUNT`, else `fallback`. */
export function fuzzCount(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FUZZ_COUNT;
  if (given === undefined || given === '') return fallback;
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1) throw new Error(`FUZZ_COUNT must be a positive integer, got "${given}"`);
  return count;
}
