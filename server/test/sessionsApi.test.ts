import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { createSession, startServer } from './helpers.js';

let server: RoundtableServer;
let base: string;

beforeAll(async () => {
  server = await startServer();
  base = server.url;
});
afterAll(() => server.stop());

async function post(body: unknown, init: RequestInit = {}) {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

describe('POST /api/sessions', () => {
  it('creates a session with a token and a link per role and the 25% presentation cap', async () => {
    const { status, type, body } = await post({
      title: 'Live migration of vTPM state',
      durationMinutes: 50,
      problem: 'vTPM state is lost on migration',
      preparation: [{ url: 'https://example.org/design.pdf', label: 'design' }],
      mailingList: 'xen-devel@lists.example.org',
      capacity: 12,
    });
    expect(status).toBe(201);
    expect(type).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      title: 'Live migration of vTPM state',
      durationMinutes: 50,
      presentationCapMs: 750_000,
      capacity: 12,
    });
    expect(typeof body.id).toBe('string');
    const tokens = Object.values(body.tokens) as string[];
    expect(Object.keys(body.tokens).sort()).toEqual(['attendee', 'follower', 'moderator']);
    expect(new Set(tokens).size).toBe(3);
    for (const role of ['moderator', 'attendee', 'follower']) {
      expect(body.links[role]).toBe(`${server.config.publicUrl}/s/${body.id}?token=${body.tokens[role]}`);
    }
  });

  it('rounds the cap down and defaults capacity to 30', async () => {
    const { body } = await post({ title: 'Odd', durationMinutes: 7 });
    expect(body.presentationCapMs).toBe(Math.floor(0.25 * 7 * 60_000));
    expect(body.capacity).toBe(30);
  });

  it.each([
    [{ durationMinutes: 50 }, 'title'],
    [{ title: '', durationMinutes: 50 }, 'title'],
    [{ title: 'x'.repeat(201), durationMinutes: 50 }, 'title'],
    [{ title: 'T', durationMinutes: 0 }, 'durationMinutes'],
    [{ title: 'T', durationMinutes: 481 }, 'durationMinutes'],
    [{ title: 'T', durationMinutes: 2.5 }, 'durationMinutes'],
    [{ title: 'T', durationMinutes: '50' }, 'durationMinutes'],
    [{ title: 'T', durationMinutes: 50, capacity: 31 }, 'capacity'],
    [{ title: 'T', durationMinutes: 50, capacity: 0 }, 'capacity'],
    [{ title: 'T', durationMinutes: 50, mailingList: 'not-an-email' }, 'mailingList'],
    [{ title: 'T', durationMinutes: 50, preparation: [{ url: 'ftp://example.org/x' }] }, 'preparation.0.url'],
    [{ title: 'T', durationMinutes: 50, preparation: [{ url: 'javascript:alert(1)' }] }, 'preparation.0.url'],
    [{ title: 'T', durationMinutes: 50, preparation: 'https://example.org' }, 'preparation'],
  ])('answers 400 naming the broken field for %j', async (input, field) => {
    const { status, body } = await post(input);
    expect(status).toBe(400);
    expect(body.error).toContain(field);
    expect(body.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('names every broken field at once', async () => {
    const { status, body } = await post({ title: '', durationMinutes: -1, capacity: 99 });
    expect(status).toBe(400);
    expect(body.details.map((d: { path: string }) => d.path).sort()).toEqual(['capacity', 'durationMinutes', 'title']);
  });

  it('answers 400 for malformed JSON, a non-object or no JSON body', async () => {
    expect((await post('{"title": ')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    const form = await post('title=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    expect(form.body.error).toMatch(/JSON/);
  });
});

describe('GET /api/sessions/:id', () => {
  it('answers the session without tokens, with the caller role, for each token and both token forms', async () => {
    const created = await createSession(base, { title: 'Roles', durationMinutes: 30, moderatorName: 'Ada' });
    for (const role of ['moderator', 'attendee', 'follower'] as const) {
      const token = created.tokens[role];
      const viaHeader = await fetch(`${base}/api/sessions/${created.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(viaHeader.status).toBe(200);
      const body = (await viaHeader.json()) as any;
      expect(body).toMatchObject({ id: created.id, title: 'Roles', moderatorName: 'Ada', role, presentationCapMs: 450_000 });
      expect(body.tokens).toBeUndefined();
      expect(body.links).toBeUndefined();
      const viaQuery = await fetch(`${base}/api/sessions/${created.id}?token=${encodeURIComponent(token)}`);
      expect(((await viaQuery.json()) as any).role).toBe(role);
    }
  });

  it('answers 401 for a missing or wrong token and 404 for an unknown session', async () => {
    const a = await createSession(base);
    const b = await createSession(base);
    expect((await fetch(`${base}/api/sessions/${a.id}`)).status).toBe(401);
    expect((await fetch(`${base}/api/sessions/${a.id}?token=nope`)).status).toBe(401);
    expect((await fetch(`${base}/api/sessions/${a.id}?token=${b.tokens.moderator}`)).status).toBe(401);
    const unknown = await fetch(`${base}/api/sessions/does-not-exist?token=${a.tokens.moderator}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('health and organizer key', () => {
  it('answers /healthz with ok once storage is open', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers /healthz 503 once storage is closed', async () => {
    const other = await startServer();
    try {
      await other.storage.close();
      expect((await fetch(`${other.url}/healthz`)).status).toBe(503);
    } finally {
      await other.stop();
    }
  });

  it('needs the organizer key to create sessions when ORGANIZER_KEY is set', async () => {
    const guarded = await startServer({ organizerKey: 's3cret' });
    try {
      const url = guarded.url;
      const body = { title: 'Guarded', durationMinutes: 30 };
      await expect(createSession(url, body)).rejects.toThrow(/401/);
      await expect(createSession(url, body, { authorization: 'Bearer wrong' })).rejects.toThrow(/401/);
      const created = await createSession(url, body, { authorization: 'Bearer s3cret' });
      expect(created.title).toBe('Guarded');
    } finally {
      await guarded.stop();
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${base}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toMatch(/no such endpoint/);
  });
});
