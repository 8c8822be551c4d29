/**
 * Issue 9, point 3 (access): one test per rule, against the built server (`pnpm build` first) run
 * as its own process, with the built client. The constant-time rule is checked in-process, on the
 * services themselves, where the compare function can be watched.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import {
  CLOSE_CODES,
  DOCUMENT_LAYOUT,
  MINUTES_NOMINATE_EVENT,
  QUESTION_ASK_EVENT,
  QUESTION_MARK_EVENT,
  type AskAck,
  type CreatedSession,
  type MarkAck,
  type MinutesRecord,
  type NominateAck,
  type TimerState,
} from '@roundtable/shared';
import { SessionService, timingSafeEqualStrings } from '../src/sessions/index.js';
import { EventService } from '../src/events/index.js';
import { openStorage } from '../src/storage/index.js';
import { encodeSyncStep1, encodeUpdate } from '../src/sync/messages.js';
import { connectControl, connectError, type ControlClient } from './controlClient.js';
import { closeOf, connectClient, createSession, eventually, joinDocument, opened, rawSocket, synced, tempDir, until, withTimeout, type Client } from './helpers.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';

// Every call of the compare function is recorded (it still compares): the constant-time rule
// checks that each credential check goes through it.
vi.mock('../src/sessions/secrets.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/sessions/secrets.js')>();
  return { ...original, timingSafeEqualStrings: vi.fn(original.timingSafeEqualStrings) };
});

/** The smallest valid PNG: 1x1 transparent pixel. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

/** What a hostile participant types into every field that can reach a page. */
const XSS = `<img src=x onerror=alert(1)>"><script>alert(1)</script>'`;
const payload = (field: string) => `${field}:${XSS}`;
/** The escaping the rule asks for, written independently of the server's own. */
const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const CANARY = `canary-${Math.random().toString(36).slice(2)}: this file lies outside every served folder`;

const eventBody = (name: string, roomName = 'Room A') => ({
  name,
  timezone: 'Europe/Lisbon',
  startsAt: '2030-12-01T09:00:00Z',
  endsAt: '2030-12-01T18:00:00Z',
  rooms: [{ name: roomName, capacity: 30, projector: true }],
});
const proposalBody = (title: string) => ({
  title,
  problem: 'Some problem.',
  contribute: 'Bring logs.',
  preparation: [{ url: 'https://example.org/notes.pdf', label: 'Notes' }],
  proposer: { name: 'Ada', email: 'ada@example.org' },
  durationMinutes: 50,
});

interface CreatedEvent {
  id: string;
  organizerToken: string;
  rooms: { id: string }[];
}
interface SubmittedProposal {
  id: string;
  editToken: string;
}

let root: string;
let dataDir: string;
let server: ServerProcess;
let base: string;

beforeAll(async () => {
  // The headers and the page's scripts are checked on the real page: the server serves client/dist.
  const page = fileURLToPath(new URL('../../client/dist/index.html', import.meta.url));
  if (!fs.existsSync(page)) throw new Error(`${page} is missing: run pnpm build first`);
  root = tempDir('roundtable-access-');
  dataDir = path.join(root, 'data');
  fs.mkdirSync(path.join(dataDir, 'assets'), { recursive: true });
  // Next to DATA_DIR, and inside it but outside every session's folder.
  fs.writeFileSync(path.join(root, 'canary.txt'), CANARY);
  fs.writeFileSync(path.join(dataDir, 'assets', 'canary.txt'), CANARY);
  server = await spawnServer({
    DATA_DIR: dataDir,
    TLDRAW_LICENSE_KEY: payload('licence'),
    SCHEDULE_EMBED_ORIGINS: 'https://events.example.org, https://*.example.net',
  });
  base = server.url;
});
afterAll(async () => {
  await stopProcess(server);
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const clients: Client[] = [];
const controls: ControlClient[] = [];
const sockets: WebSocket[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const c of controls.splice(0)) c.socket.disconnect();
  for (const s of sockets.splice(0)) s.terminate();
});

function control(token: string, auth: { name?: string; askerId?: string } = {}): ControlClient {
  const c = connectControl(base, token, auth);
  controls.push(c);
  return c;
}

async function call(method: string, urlPath: string, options: { token?: string; json?: unknown; body?: Buffer; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.type) headers['content-type'] = options.type;
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers,
    ...(options.json !== undefined && { body: JSON.stringify(options.json) }),
    ...(options.body && { body: options.body }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function created<T>(method: string, urlPath: string, json: unknown, token?: string): Promise<T> {
  const res = await call(method, urlPath, { json, ...(token && { token }) });
  if (res.status !== 201) throw new Error(`${method} ${urlPath} answered ${res.status}: ${res.text}`);
  return JSON.parse(res.text) as T;
}

/** A GET exactly as written: fetch() would resolve `..` and normalise the path before sending it. */
function rawGet(urlPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: urlPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends one document update over a raw y-websocket connection, then sync step 1, and resolves once
 * the answer to that (sync step 2: the server sends one only when asked) is back. The server
 * handles a connection's frames in order, so by then it has dealt with the update.
 */
async function writeRaw(sessionId: string, token: string, text: string): Promise<void> {
  const socket = rawSocket(base, sessionId, token);
  sockets.push(socket);
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).insert(0, [paragraph]);
  const answered = new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer) => {
      // messageSync (0), syncStep2 (1): both one-byte varints.
      if (data[0] === 0 && data[1] === 1) resolve();
    });
  });
  await opened(socket);
  socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
  socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  await withTimeout(answered, 10_000, 'the server never answered sync step 1');
  socket.close();
}

async function minutesJson(session: CreatedSession): Promise<MinutesRecord> {
  const res = await call('GET', `/api/sessions/${session.id}/minutes.json`, { token: session.tokens.moderator });
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as MinutesRecord;
}

async function timerOf(session: CreatedSession): Promise<TimerState> {
  return JSON.parse((await call('GET', `/api/sessions/${session.id}/timer`, { token: session.tokens.moderator })).text) as TimerState;
}

const askerId = () => `asker-${Math.random().toString(36).slice(2).padEnd(12, '0')}`;

describe('tokens are unguessable', () => {
  it('mints every kind of token from at least 128 random bits, each one unique', async () => {
    const kinds: Record<string, string[]> = { moderator: [], attendee: [], follower: [], organizer: [], proposalEdit: [] };
    for (let i = 0; i < 100; i++) {
      const session = await createSession(base, { title: `Tokens ${i}`, durationMinutes: 30 });
      for (const role of ['moderator', 'attendee', 'follower'] as const) kinds[role]!.push(session.tokens[role]);
    }
    const events: CreatedEvent[] = [];
    for (let i = 0; i < 64; i++) events.push(await created<CreatedEvent>('POST', '/api/events', eventBody(`Event ${i}`)));
    kinds.organizer = events.map((e) => e.organizerToken);
    for (let i = 0; i < 64; i++) {
      kinds.proposalEdit!.push((await created<SubmittedProposal>('POST', `/api/events/${events[0]!.id}/proposals`, proposalBody(`P${i}`))).editToken);
    }
    // Session links, once scheduled, carry the same session tokens: one more way they are minted.
    const proposal = await created<SubmittedProposal>('POST', `/api/events/${events[1]!.id}/proposals`, proposalBody('Scheduled'));
    const scheduled = await created<{ session: CreatedSession }>(
      'POST',
      `/api/events/${events[1]!.id}/proposals/${proposal.id}/schedule`,
      { roomId: events[1]!.rooms[0]!.id, startsAt: '2030-12-01T10:00:00Z' },
      events[1]!.organizerToken,
    );
    kinds.moderator!.push(scheduled.session.tokens.moderator);

    const all = Object.values(kinds).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const [kind, tokens] of Object.entries(kinds)) {
      const decoded = tokens.map((token) => {
        expect(token, kind).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, nothing else
        const bytes = Buffer.from(token, 'base64url');
        expect(bytes.toString('base64url'), `${kind} token is canonical base64url`).toBe(token);
        return bytes;
      });
      for (const bytes of decoded) expect(bytes.length, `${kind} token bytes`).toBeGreaterThanOrEqual(16);
      // Random bits vary: a bit that is the same in all 64+ tokens of a kind (a fixed prefix, a
      // timestamp's or a counter's high bits) is 2^-63 likely for a random one.
      const width = Math.min(...decoded.map((b) => b.length)) * 8;
      const constantBits = [];
      for (let bit = 0; bit < width; bit++) {
        const values = new Set(decoded.map((b) => (b[bit >> 3]! >> (7 - (bit & 7))) & 1));
        if (values.size === 1) constantBits.push(bit);
      }
      expect(constantBits, `${kind}: bits that never vary`).toEqual([]);
      expect(width - constantBits.length, `${kind}: varying bits`).toBeGreaterThanOrEqual(128);
    }
  });

  it('grants nothing for an id alone: session, event and proposal ids are names, not credentials', async () => {
    const session = await createSession(base, { title: 'Ids are not keys', durationMinutes: 30 });
    const event = await created<CreatedEvent>('POST', '/api/events', eventBody('Ids'));
    const proposal = await created<SubmittedProposal>('POST', `/api/events/${event.id}/proposals`, proposalBody('Ids'));
    const sessionPaths = ['', '/timer', '/minutes.md', '/minutes.json', '/minutes.html', '/minutes/email'].map((p) => `/api/sessions/${session.id}${p}`);
    for (const guess of [undefined, session.id, event.id, proposal.id]) {
      for (const p of sessionPaths) expect((await call('GET', p, guess ? { token: guess } : {})).status, `${p} with ${guess}`).toBe(401);
      expect((await call('PUT', `/api/sessions/${session.id}/minutes/board.png`, { body: PNG, type: 'image/png', ...(guess && { token: guess }) })).status).toBe(401);
      expect((await call('POST', `/api/sessions/${session.id}/assets`, { body: PNG, type: 'image/png', ...(guess && { token: guess }) })).status).toBe(401);
      expect((await call('GET', `/api/events/${event.id}/proposals`, guess ? { token: guess } : {})).status).toBe(401);
      expect((await call('GET', `/api/events/${event.id}/proposals/${proposal.id}`, guess ? { token: guess } : {})).status).toBe(401);
    }
    const ws = rawSocket(base, session.id, session.id);
    sockets.push(ws);
    expect((await closeOf(ws)).code).toBe(CLOSE_CODES.badToken);
    const io = control(session.id);
    expect((await connectError(io)).message).toMatch(/invalid or missing token/);
  });
});

describe('tokens are compared in constant time', () => {
  it('checks every session, organizer and proposal credential with timingSafeEqualStrings, which compares whole secrets', async () => {
    // The function itself: equal secrets only, whatever the lengths (it compares SHA-256 digests).
    expect(timingSafeEqualStrings('a-secret-token', 'a-secret-token')).toBe(true);
    expect(timingSafeEqualStrings('a-secret-token', 'a-secret-tokem')).toBe(false);
    expect(timingSafeEqualStrings('a-secret-token', 'a-secret-token-longer')).toBe(false);
    expect(timingSafeEqualStrings('a-secret-token', 'a-secret')).toBe(false);
    expect(timingSafeEqualStrings('', 'x')).toBe(false);
    expect(timingSafeEqualStrings('\u00e9', 'e\u0301')).toBe(false);

    // Each check goes through it with the presented token (an `===` anywhere would not).
    const compare = vi.mocked(timingSafeEqualStrings);
    const compared = (token: string) => compare.mock.calls.some(([a, b]) => a === token || b === token);
    const storage = await openStorage({ dataDir: tempDir('roundtable-access-unit-') });
    try {
      const sessions = new SessionService(storage, 'http://127.0.0.1:9');
      const events = new EventService(storage, sessions, { publicUrl: 'http://127.0.0.1:9', organizerKey: 'the-organizer-key', mailer: null });
      const session = await sessions.create({ title: 'Constant time', durationMinutes: 30 });
      for (const role of ['moderator', 'attendee', 'follower'] as const) {
        const token = session.tokens[role];
        const nearMiss = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
        compare.mockClear();
        expect(await sessions.authorize(session.id, token)).toMatchObject({ ok: true, role });
        expect(compared(token), `authorize(${role})`).toBe(true);
        compare.mockClear();
        expect(await sessions.authorize(session.id, nearMiss)).toMatchObject({ ok: false, failure: 'bad-token' });
        expect(compared(nearMiss), `authorize(near miss of ${role})`).toBe(true);
        // Found by key in storage (an index or hash lookup), then compared whole in constant time.
        compare.mockClear();
        expect((await sessions.authorizeToken(token))?.role).toBe(role);
        expect(compared(token), `authorizeToken(${role})`).toBe(true);
        expect(await sessions.authorizeToken(nearMiss)).toBeNull();
      }
      const event = await events.create(eventBody('Constant time'));
      const proposal = await events.submit(event.id, proposalBody('Constant time'));
      for (const organizer of [event.organizerToken, 'the-organizer-key']) {
        compare.mockClear();
        await events.list(event.id, organizer);
        expect(compared(organizer), 'organizer credential').toBe(true);
      }
      compare.mockClear();
      await events.proposal(event.id, proposal.id, proposal.editToken);
      expect(compared(proposal.editToken), 'proposal edit token').toBe(true);
      await expect(events.list(event.id, `${event.organizerToken}x`)).rejects.toMatchObject({ status: 401 });
    } finally {
      await storage.close();
    }

    // Nowhere in the server is a secret compared with == or !=, which stops at the first difference.
    const sourceDir = fileURLToPath(new URL('../src', import.meta.url));
    // Any name ending in token, key or secret (tokens[role], organizerKey, metricsToken, ...), but not its length.
    const secretName = String.raw`\w*(?:[Tt]oken|[Kk]ey|[Ss]ecret)s?(?:\[[^\]]*\]|\.(?!length\b|size\b)\w+)?`;
    const equality = new RegExp(String.raw`(?<!typeof\s)\b${secretName}\s*[!=]==?(?![=\s]*(?:undefined|null)\b)|[!=]==?\s*(?:[\w.]*\.)?${secretName}\b`);
    const offenders: string[] = [];
    for (const file of fs.readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      fs.readFileSync(path.join(sourceDir, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (equality.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});

describe('a follower token is read-only', () => {
  let session: CreatedSession;
  beforeAll(async () => {
    session = await createSession(base, { title: 'Follower limits', durationMinutes: 30, mailingList: 'list@example.org' });
  });

  it('cannot command the timer', async () => {
    const follower = control(session.tokens.follower);
    await follower.waitForState(() => true);
    for (const action of ['start', 'present', 'discuss', 'end'] as const) {
      expect(await follower.command({ action }), action).toMatchObject({ ok: false, error: 'forbidden' });
    }
    expect(await follower.command({ action: 'extend', minutes: 5 })).toMatchObject({ ok: false, error: 'forbidden' });
    const state = await timerOf(session);
    expect(state.phase).toBe('scheduled');
    expect(state.durationMs).toBe(30 * 60_000);
  });

  it('cannot write the document: nobody sees its update and it is not stored (an attendee\'s, sent alike, is)', async () => {
    const moderator = connectClient(base, session.id, session.tokens.moderator);
    clients.push(moderator);
    await synced(moderator);
    await writeRaw(session.id, session.tokens.follower, 'FOLLOWER-VANDALISM');
    await writeRaw(session.id, session.tokens.attendee, 'ATTENDEE-NOTE');
    const minutesText = () => moderator.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).toString();
    await until(moderator.doc, () => minutesText().includes('ATTENDEE-NOTE'), 10_000, 'the attendee\'s note');
    expect(minutesText()).not.toContain('FOLLOWER-VANDALISM');
    await eventually(async () => JSON.stringify((await minutesJson(session)).minutes).includes('ATTENDEE-NOTE'), 10_000, 'the note stored');
    expect(JSON.stringify(await minutesJson(session))).not.toContain('FOLLOWER-VANDALISM');
    // A newcomer gets the document as it stands: without it.
    const late = connectClient(base, session.id, session.tokens.attendee);
    clients.push(late);
    await synced(late);
    expect(late.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).toString()).toContain('ATTENDEE-NOTE');
    expect(late.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).toString()).not.toContain('FOLLOWER-VANDALISM');
  });

  it('cannot upload board images or the board picture, and stores nothing', async () => {
    const asset = await call('POST', `/api/sessions/${session.id}/assets`, { token: session.tokens.follower, body: PNG, type: 'image/png' });
    expect(asset.status).toBe(403);
    expect(fs.existsSync(path.join(dataDir, 'assets', session.id))).toBe(false);
    const board = await call('PUT', `/api/sessions/${session.id}/minutes/board.png`, { token: session.tokens.follower, body: PNG, type: 'image/png' });
    expect(board.status).toBe(403);
    const email = JSON.parse((await call('GET', `/api/sessions/${session.id}/minutes/email`, { token: session.tokens.moderator })).text);
    expect(email.attachments).toEqual([]);
  });

  it('cannot preview or send the minutes', async () => {
    expect((await call('GET', `/api/sessions/${session.id}/minutes/email`, { token: session.tokens.follower })).status).toBe(403);
    expect((await call('POST', `/api/sessions/${session.id}/minutes/send`, { token: session.tokens.follower, json: {} })).status).toBe(403);
    expect((await call('POST', `/api/sessions/${session.id}/minutes/send`, { token: session.tokens.follower, json: { to: 'x@example.org' } })).status).toBe(403);
  });

  it('cannot nominate a minute-taker nor mark questions, even under the minute-taker\'s name', async () => {
    await joinDocument(base, session.id, session.tokens.attendee, 'Mia', 'attendee', clients);
    const moderator = control(session.tokens.moderator);
    await eventually(async () => (await moderator.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: 'Mia' })).ok, 10_000, 'Mia nominated');

    const follower = control(session.tokens.follower, { name: 'Mia', askerId: askerId() });
    expect(await follower.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: 'Mia' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await follower.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: null })).toMatchObject({ ok: false, error: 'forbidden' });
    const asked = await follower.request<AskAck>(QUESTION_ASK_EVENT, { name: 'Mia', text: 'Is this mine to close?' });
    if (!asked.ok) throw new Error(`asking failed: ${asked.error}`);
    for (const status of ['answered', 'dismissed', 'inserted'] as const) {
      expect(await follower.request<MarkAck>(QUESTION_MARK_EVENT, { id: asked.question.id, status }), status).toMatchObject({
        ok: false,
        error: 'forbidden',
      });
    }
    // The minute-taker with a seat may (the same question, the same name): the refusal was the role's.
    const mia = control(session.tokens.attendee, { name: 'Mia' });
    expect(await mia.request<MarkAck>(QUESTION_MARK_EVENT, { id: asked.question.id, status: 'answered' })).toMatchObject({ ok: true });
  });
});

describe('a token for one session opens nothing of another', () => {
  it('answers 401 on every endpoint and 4401 on the websocket, leaking nothing, and socket.io reaches only its own session', async () => {
    const secretTitle = `Session B ${Math.random().toString(36).slice(2)}`;
    const a = await createSession(base, { title: 'Session A', durationMinutes: 30 });
    const b = await createSession(base, { title: secretTitle, durationMinutes: 30, problem: 'B-ONLY-PROBLEM' });
    const uploaded = await call('POST', `/api/sessions/${b.id}/assets`, { token: b.tokens.attendee, body: PNG, type: 'image/png' });
    expect(uploaded.status).toBe(201);
    const bAsset = JSON.parse(uploaded.text) as { id: string; url: string };
    const leaks = (text: string) => [secretTitle, 'B-ONLY-PROBLEM', ...Object.values(b.tokens)].filter((secret) => text.includes(secret));

    for (const role of ['moderator', 'attendee', 'follower'] as const) {
      const token = a.tokens[role];
      const attempts = [
        ['GET', `/api/sessions/${b.id}`],
        ['GET', `/api/sessions/${b.id}/timer`],
        ...['md', 'txt', 'eml', 'html', 'json'].map((format) => ['GET', `/api/sessions/${b.id}/minutes.${format}`]),
        ['GET', `/api/sessions/${b.id}/minutes/email`],
        ['GET', bAsset.url],
      ] as const;
      for (const [method, p] of attempts) {
        const res = await call(method, p, { token });
        expect(res.status, `${role}: ${method} ${p}`).toBe(401);
        expect(leaks(res.text), `${role}: ${method} ${p}`).toEqual([]);
        // The same token in the query string.
        expect((await call(method, `${p}?token=${encodeURIComponent(token)}`)).status).toBe(401);
      }
      expect((await call('POST', `/api/sessions/${b.id}/minutes/send`, { token, json: {} })).status).toBe(401);
      expect((await call('PUT', `/api/sessions/${b.id}/minutes/board.png`, { token, body: PNG, type: 'image/png' })).status).toBe(401);
      expect((await call('POST', `/api/sessions/${b.id}/assets`, { token, body: PNG, type: 'image/png' })).status).toBe(401);
      // B's image through A's own path: looked up in A's folder only.
      expect((await call('GET', `/api/sessions/${a.id}/assets/${bAsset.id}`, { token })).status).toBe(404);

      const ws = rawSocket(base, b.id, token);
      sockets.push(ws);
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer) => received.push(data));
      expect((await closeOf(ws)).code).toBe(CLOSE_CODES.badToken);
      expect(received).toEqual([]);
    }
    // Nothing of B changed: its only image, no board picture, its timer.
    expect(fs.readdirSync(path.join(dataDir, 'assets', b.id))).toEqual([bAsset.id]);
    expect(JSON.parse((await call('GET', `/api/sessions/${b.id}/minutes/email`, { token: b.tokens.moderator })).text).attachments).toEqual([]);

    // socket.io: the token names the session; nothing in a command can name another.
    await joinDocument(base, b.id, b.tokens.attendee, 'Bea', 'attendee', clients);
    const bFollower = control(b.tokens.follower, { askerId: askerId() });
    const bQuestion = await bFollower.request<AskAck>(QUESTION_ASK_EVENT, { name: 'Remote', text: 'A question of B' });
    if (!bQuestion.ok) throw new Error(`asking failed: ${bQuestion.error}`);
    const aModerator = control(a.tokens.moderator);
    await aModerator.waitForState(() => true);
    expect(await aModerator.command({ action: 'start', sessionId: b.id })).toMatchObject({ ok: false, error: 'invalid-command' });
    expect(await aModerator.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: 'Bea' })).toMatchObject({ ok: false, error: 'not-present' });
    expect(await aModerator.request<MarkAck>(QUESTION_MARK_EVENT, { id: bQuestion.question.id, status: 'dismissed' })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(await aModerator.command({ action: 'start' })).toMatchObject({ ok: true, state: { sessionId: a.id } });
    expect((await timerOf(b)).phase).toBe('scheduled');
    expect((await minutesJson(b)).minuteTaker).toBeNull();
    expect((await minutesJson(b)).questions).toMatchObject([{ id: bQuestion.question.id, status: 'open' }]);
    expect(aModerator.states.map(({ state }) => state.sessionId)).toEqual(aModerator.states.map(() => a.id));

    // Events: one event's organizer token, one proposal's edit token, open nothing of another's.
    const e1 = await created<CreatedEvent>('POST', '/api/events', eventBody('E1'));
    const e2 = await created<CreatedEvent>('POST', '/api/events', eventBody('E2'));
    const p1 = await created<SubmittedProposal>('POST', `/api/events/${e1.id}/proposals`, proposalBody('P1'));
    const p2 = await created<SubmittedProposal>('POST', `/api/events/${e2.id}/proposals`, proposalBody('P2-SECRET'));
    const p2b = await created<SubmittedProposal>('POST', `/api/events/${e2.id}/proposals`, proposalBody('P2B-SECRET'));
    const organizerAttempt = await call('GET', `/api/events/${e2.id}/proposals`, { token: e1.organizerToken });
    expect(organizerAttempt.status).toBe(401);
    expect(organizerAttempt.text).not.toContain('P2-SECRET');
    for (const [token, proposalId] of [
      [p1.editToken, p2.id],
      [p2b.editToken, p2.id],
      [e1.organizerToken, p2.id],
      [a.tokens.moderator, p2.id],
    ] as const) {
      const res = await call('GET', `/api/events/${e2.id}/proposals/${proposalId}`, { token });
      expect([401, 403]).toContain(res.status);
      expect(res.text).not.toContain('P2-SECRET');
      expect((await call('PATCH', `/api/events/${e2.id}/proposals/${proposalId}`, { token, json: { title: 'Hijacked' } })).status).toBeOneOf([401, 403]);
    }
    expect((await call('GET', `/api/events/${e2.id}/proposals/${p2.id}`, { token: p2.editToken })).text).toContain('P2-SECRET');
  });
});

describe('asset and export paths', () => {
  it('reject traversal: no path reaches a file outside its folder, whatever its encoding', async () => {
    const session = await createSession(base, { title: 'Traversal', durationMinutes: 30 });
    const token = encodeURIComponent(session.tokens.moderator);
    const uploaded = JSON.parse((await call('POST', `/api/sessions/${session.id}/assets`, { token: session.tokens.attendee, body: PNG, type: 'image/png' })).text) as {
      id: string;
    };
    const canary = path.join(root, 'canary.txt');
    const escapes = [
      '../../../canary.txt',
      '..%2F..%2F..%2Fcanary.txt',
      '..%2f..%2f..%2fcanary.txt',
      '%2e%2e%2f%2e%2e%2f%2e%2e%2fcanary.txt',
      '%2E%2E/%2E%2E/%2E%2E/canary.txt',
      '%252e%252e%252f%252e%252e%252fcanary.txt',
      '..%5C..%5C..%5Ccanary.txt',
      '..\\..\\..\\canary.txt',
      '..%2Fcanary.txt', // DATA_DIR/assets/canary.txt, beside the session folders
      '..%2F..%2Froundtable.sqlite',
      '....//....//canary.txt',
      encodeURIComponent(canary),
      canary,
      `${encodeURIComponent(canary)}%00.png`,
      'canary.txt%00.png',
      `${uploaded.id}%2F..%2F..%2F..%2Fcanary.txt`,
      `${uploaded.id}%00`,
    ];
    const apiPaths = [
      ...escapes.map((e) => `/api/sessions/${session.id}/assets/${e}?token=${token}`),
      ...escapes.map((e) => `/api/sessions/${session.id}/minutes.${e}?token=${token}`),
      ...escapes.map((e) => `/api/sessions/${e}/assets/${uploaded.id}?token=${token}`),
      ...escapes.map((e) => `/api/sessions/${session.id}/minutes.json/${e}?token=${token}`),
      `/api/sessions/${session.id}/minutes.html%00?token=${token}`,
      `/api/sessions/${session.id}/minutes.%2e%2e%2fjson?token=${token}`,
    ];
    const staticPaths = [
      ...escapes.map((e) => `/assets/${e}`),
      ...escapes.map((e) => `/${e}`),
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2F..%2Fpackage.json',
      '/..%2F..%2Fserver%2Fdist%2Fconfig.js',
      '/assets/..%5C..%5Cpackage.json',
      '/assets/index.html%00.js',
    ];
    const page = (await rawGet('/')).body;
    expect(page).toContain('<div id="root">');
    const leaked = (body: string) =>
      body.includes(CANARY) || body.includes('SQLite format 3') || body.includes('"name": "@roundtable') || body.includes('defaultConfiguration');
    for (const p of apiPaths) {
      const res = await rawGet(p);
      expect([400, 404], `${p} answered ${res.status}`).toContain(res.status);
      expect(leaked(res.body), p).toBe(false);
    }
    for (const p of staticPaths) {
      const res = await rawGet(p);
      // Outside /assets every path is a client route: the page itself, or a refusal.
      const refused = [400, 403, 404].includes(res.status);
      const thePage = res.status === 200 && res.body === page && !p.startsWith('/assets/');
      expect(refused || thePage, `${p} answered ${res.status}`).toBe(true);
      expect(leaked(res.body), p).toBe(false);
    }
    // The folder itself still works.
    expect((await rawGet(`/api/sessions/${session.id}/assets/${uploaded.id}?token=${token}`)).status).toBe(200);
  });
});

describe('user-written strings reaching HTML', () => {
  it('are escaped in the minutes page, in every field, and links go only to http(s) and mailto', async () => {
    // Through an event, so the room's name reaches the page too.
    const event = await created<CreatedEvent>('POST', '/api/events', eventBody(payload('event'), payload('room')));
    const proposal = await created<SubmittedProposal>('POST', `/api/events/${event.id}/proposals`, {
      ...proposalBody(payload('title')),
      problem: payload('problem'),
      contribute: payload('contribute'),
      preparation: [{ url: `https://example.org/?q="><script>alert(1)</script>`, label: payload('preparation') }],
      proposer: { name: payload('moderator'), email: 'ada@example.org' },
    });
    const { session } = await created<{ session: CreatedSession }>(
      'POST',
      `/api/events/${event.id}/proposals/${proposal.id}/schedule`,
      { roomId: event.rooms[0]!.id, startsAt: '2030-12-01T10:00:00Z' },
      event.organizerToken,
    );

    const writer = connectClient(base, session.id, session.tokens.moderator);
    clients.push(writer);
    await synced(writer);
    writer.doc.transact(() => {
      writer.doc.getMap(DOCUMENT_LAYOUT.attendees).set(payload('attendee'), { role: 'attendee', firstSeenAt: new Date().toISOString() });
      const paragraph = (...parts: [string, Record<string, unknown>?][]) => {
        const element = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        let at = 0;
        for (const [content, marks] of parts) {
          text.insert(at, content, marks ?? {});
          at += content.length;
        }
        element.insert(0, [text]);
        return element;
      };
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', `"><script>alert(1)</script>`);
      heading.insert(0, [new Y.XmlText(payload('heading'))]);
      const code = new Y.XmlElement('codeBlock');
      code.setAttribute('language', `"><script>alert(1)</script>`);
      code.insert(0, [new Y.XmlText(payload('code'))]);
      const taskList = new Y.XmlElement('taskList');
      const taskItem = new Y.XmlElement('taskItem');
      taskItem.setAttribute('checked', 'false');
      taskItem.insert(0, [paragraph([payload('task')])]);
      taskList.insert(0, [taskItem]);
      writer.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).push([
        heading,
        paragraph([payload('paragraph')]),
        paragraph(['see ', {}], [payload('link'), { link: { href: 'javascript:alert(1)' } }]),
        paragraph([payload('quoted-link'), { link: { href: `https://example.org/"><script>alert(1)</script>` } }]),
        paragraph([`Decision: ${payload('decision')}`]),
        paragraph([`TODO: ${payload('action')}`]),
        code,
        taskList,
      ]);
    });
    const moderator = control(session.tokens.moderator);
    await eventually(async () => (await moderator.request<NominateAck>(MINUTES_NOMINATE_EVENT, { name: payload('attendee') })).ok, 10_000, 'nominated');
    await eventually(async () => JSON.stringify(await minutesJson(session)).includes('task:'), 10_000, 'the minutes stored');

    const res = await call('GET', `/api/sessions/${session.id}/minutes.html`, { token: session.tokens.follower });
    expect(res.status).toBe(200);
    const html = res.text;
    const fields = ['title', 'problem', 'contribute', 'preparation', 'moderator', 'room', 'attendee', 'heading', 'paragraph', 'link', 'quoted-link', 'decision', 'action', 'code', 'task'];
    for (const field of fields) expect(html, field).toContain(escaped(payload(field)));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // No tag carries an event handler; escaped text has no "<" to open one.
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:)[^"<>]*$/);
    for (const [, value] of html.matchAll(/class="([^"]*)"/g)) expect(value).toMatch(/^[\w +#.-]*$/);
    // Every attribute value is quoted and free of raw markup.
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag.slice(1), tag).not.toContain('<');
  });

  it('leaves no other server-made HTML with user or operator text in it: the page embeds its configuration inertly, errors are JSON', async () => {
    const page = await rawGet('/s/some-session?token=x');
    expect(page.status).toBe(200);
    for (const tag of page.body.match(/<script\b[^>]*>/gi) ?? []) {
      // Scripts come from files on our origin; the one inline element is data the browser never runs.
      expect(tag, tag).toMatch(/\bsrc="\/[^"/][^"]*"|type="application\/json"/);
    }
    const config = /<script type="application\/json" id="roundtable-config">(.*?)<\/script>/s.exec(page.body)?.[1];
    expect(JSON.parse(config!)).toMatchObject({ tldrawLicenseKey: payload('licence') });
    expect(page.body).not.toContain(XSS);

    const notFound = await rawGet(`/api/<script>alert(1)</script>`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/json/);
    expect(notFound.headers['x-content-type-options']).toBe('nosniff');
    const badBody = await call('POST', '/api/sessions', { json: { title: XSS, durationMinutes: 'x', [XSS]: 1 } });
    expect(badBody.status).toBe(400);
    expect(badBody.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

/** A Content-Security-Policy's directives, by name. */
const directivesOf = (csp: string | null | undefined) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );

describe('security headers', () => {

  it('are set on the page and on every API answer: CSP without inline script, no sniffing, no framing, no referrer', async () => {
    const session = await createSession(base, { title: 'Headers', durationMinutes: 30 });
    const uploaded = JSON.parse((await call('POST', `/api/sessions/${session.id}/assets`, { token: session.tokens.attendee, body: PNG, type: 'image/png' })).text) as {
      url: string;
    };
    const event = await created<CreatedEvent>('POST', '/api/events', eventBody('Headers'));
    const assetFile = fs.readdirSync(fileURLToPath(new URL('../../client/dist/assets', import.meta.url))).find((f) => f.endsWith('.js'));

    const page = await rawGet('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = directivesOf(page.headers['content-security-policy'] as string);
    const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
    expect(scriptSrc, 'script-src').toBeDefined();
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) expect(scriptSrc).not.toContain(loose);
    expect(csp.get('object-src') ?? csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toBeDefined();
    expect([["'none'"], ["'self'"]]).toContainEqual(csp.get('frame-ancestors'));

    const answers: [string, { status: number; headers: Headers | http.IncomingHttpHeaders }][] = [
      ['page', page],
      ['client route', await rawGet(`/s/${session.id}?token=${session.tokens.follower}`)],
      ['static file', await rawGet(`/assets/${assetFile}`)],
      ['healthz', await call('GET', '/healthz')],
      ['session', await call('GET', `/api/sessions/${session.id}`, { token: session.tokens.follower })],
      ['401', await call('GET', `/api/sessions/${session.id}`)],
      ['404', await call('GET', '/api/nothing-here')],
      ['400', await call('POST', '/api/sessions', { json: {} })],
      ['timer', await call('GET', `/api/sessions/${session.id}/timer`, { token: session.tokens.follower })],
      ['minutes.md', await call('GET', `/api/sessions/${session.id}/minutes.md`, { token: session.tokens.follower })],
      ['board image', await call('GET', uploaded.url, { token: session.tokens.follower })],
      ['schedule', await call('GET', `/api/events/${event.id}/schedule`)],
      ['schedule.ics', await call('GET', `/api/events/${event.id}/schedule.ics`)],
    ];
    const header = (headers: Headers | http.IncomingHttpHeaders, name: string) =>
      headers instanceof Headers ? headers.get(name) : ((headers[name] as string | undefined) ?? null);
    for (const [what, res] of answers) {
      expect(res.status, what).toBeLessThan(500);
      expect(header(res.headers, 'x-content-type-options'), what).toBe('nosniff');
      expect(header(res.headers, 'x-frame-options'), what).toBe('DENY');
      expect(header(res.headers, 'referrer-policy'), what).toBe('no-referrer');
      const policy = directivesOf(header(res.headers, 'content-security-policy'));
      expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
      expect(policy.get('script-src') ?? policy.get('default-src'), what).not.toContain("'unsafe-inline'");
      if (what.startsWith('page') || what === 'client route' || what === 'static file') continue;
      // Data, never a document: nothing in it may load or run anything.
      expect(policy.get('default-src'), what).toEqual(["'none'"]);
      expect(policy.has('script-src'), what).toBe(false);
    }

    // The minutes page keeps its own stricter policy: no script at all.
    const minutesPage = await call('GET', `/api/sessions/${session.id}/minutes.html`, { token: session.tokens.follower });
    const minutesPolicy = directivesOf(minutesPage.headers.get('content-security-policy'));
    expect(minutesPolicy.get('default-src')).toEqual(["'none'"]);
    expect(minutesPolicy.has('script-src')).toBe(false);
    expect(minutesPolicy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(minutesPage.headers.get('x-content-type-options')).toBe('nosniff');
    expect(minutesPage.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('embedding the public schedule (SCHEDULE_EMBED_ORIGINS)', () => {
  const framing = async (urlPath: string) => {
    const res = await rawGet(urlPath);
    expect(res.status, urlPath).toBe(200);
    return { ancestors: directivesOf(res.headers['content-security-policy'] as string).get('frame-ancestors'), xfo: res.headers['x-frame-options'] ?? null };
  };

  it('lets the named sites frame the schedule page, and nothing else of the app', async () => {
    for (const schedule of ['/e/xen-summit-2027', '/e/xen-summit-2027/']) {
      expect(await framing(schedule)).toEqual({ ancestors: ['https://events.example.org', 'https://*.example.net'], xfo: null });
    }
    const session = await createSession(base, { title: 'Not framed', durationMinutes: 30 });
    for (const other of ['/', '/e/xen-summit-2027/submit', '/e/xen-summit-2027/organize?token=x', '/e/a/b', '/e//', `/s/${session.id}?token=${session.tokens.follower}`, '/healthz']) {
      expect(await framing(other), other).toEqual({ ancestors: ["'none'"], xfo: 'DENY' });
    }
  });
});
