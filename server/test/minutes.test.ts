import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DOCUMENT_LAYOUT,
  MINUTES_NOMINATE_EVENT,
  MINUTES_STATE_EVENT,
  type CreatedSession,
  type MinutesEmailPreview,
  type MinutesRecord,
  type MinutesStatus,
  type NominateAck,
  type Role,
} from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { connectControl, type ControlClient } from './controlClient.js';
import { createSession, eventually, joinDocument, startServer, until, withTimeout, type Client } from './helpers.js';
import { TestSmtpServer } from './smtpServer.js';

/** A 1x1 PNG: what the client uploads is the board rendered by tldraw, any real PNG will do here. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const clients: Client[] = [];
const controls: ControlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const c of controls.splice(0)) c.socket.disconnect();
});

/** Joins as TipTap would: the name in the attendee map, then a paragraph in the minutes fragment. */
async function writeMinutes(url: string, session: CreatedSession, token: string, name: string, role: Role, line: string) {
  const client = await joinDocument(url, session.id, token, name, role, clients);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, line);
  paragraph.insert(0, [text]);
  client.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).push([paragraph]);
  return client;
}

async function get(url: string, path: string, token?: string) {
  return fetch(`${url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

function control(url: string, token: string): ControlClient {
  const c = connectControl(url, token);
  controls.push(c);
  return c;
}

function nextMinutesState(c: ControlClient, check: (s: MinutesStatus) => boolean): Promise<MinutesStatus> {
  return withTimeout(
    new Promise((resolve) => {
      const on = (status: MinutesStatus) => {
        if (!check(status)) return;
        c.socket.off(MINUTES_STATE_EVENT, on);
        resolve(status);
      };
      c.socket.on(MINUTES_STATE_EVENT, on);
    }),
    10_000,
    'no matching minutes:state',
  );
}

function nominate(c: ControlClient, payload: unknown): Promise<NominateAck> {
  return withTimeout(c.socket.emitWithAck(MINUTES_NOMINATE_EVENT, payload) as Promise<NominateAck>, 5000, 'no ack');
}

/** Ends the session: the minutes' Date is then the end, and every export of them is the same bytes. */
async function endSession(url: string, session: CreatedSession) {
  const moderator = control(url, session.tokens.moderator);
  await moderator.waitForState(() => true);
  expect(await moderator.command({ action: 'start' })).toMatchObject({ ok: true });
  expect(await moderator.command({ action: 'end' })).toMatchObject({ ok: true });
}

/** Both people's lines are stored: the export reads storage, which the server writes before forwarding. */
async function bothWritten(url: string, session: CreatedSession, client: Client, lines: string[]) {
  await until(client.doc, () => lines.every((l) => client.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).toString().includes(l)));
  await eventually(async () => {
    const md = await (await get(url, `/api/sessions/${session.id}/minutes.md`, session.tokens.follower)).text();
    return lines.every((l) => md.includes(l));
  });
}

describe('minutes export', () => {
  let server: RoundtableServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves every format to every role, with what two people wrote and who was there', async () => {
    const session = await createSession(server.url, {
      title: 'Live migration <script>alert(1)</script>',
      durationMinutes: 50,
      moderatorName: 'Ada Moderator',
      mailingList: 'xen-devel@example.org',
      preparation: [{ url: 'https://example.org/design.pdf', label: 'Design doc' }],
    });
    const ada = await writeMinutes(server.url, session, session.tokens.moderator, 'Ada Moderator', 'moderator', 'Ada says: keep the old ABI.');
    await writeMinutes(server.url, session, session.tokens.attendee, 'Bob Attendee', 'attendee', 'Bob says: <b>measure</b> first.');
    await bothWritten(server.url, session, ada, ['keep the old ABI', 'measure']);

    const base = `/api/sessions/${session.id}/minutes`;
    const expectedTypes = {
      md: 'text/markdown; charset=utf-8',
      txt: 'text/plain; charset=utf-8',
      html: 'text/html; charset=utf-8',
      json: 'application/json; charset=utf-8',
      eml: 'message/rfc822',
    };
    for (const [format, type] of Object.entries(expectedTypes)) {
      for (const token of Object.values(session.tokens)) {
        const res = await get(server.url, `${base}.${format}`, token);
        expect(res.status, format).toBe(200);
        expect(res.headers.get('content-type'), format).toBe(type);
        const body = await res.text();
        if (format === 'eml') continue; // quoted-printable: read below
        for (const text of ['keep the old ABI', 'Ada Moderator', 'Bob Attendee', 'Presentation: 0 of 50 minutes (0%, cap 25%)']) {
          if (format === 'json' && text.startsWith('Presentation')) continue;
          expect(body, `${format} has ${text}`).toContain(text);
        }
      }
    }
    const md = await (await get(server.url, `${base}.md`, session.tokens.follower)).text();
    expect(md).toContain('Bob says:');
    const html = await (await get(server.url, `${base}.html`, session.tokens.attendee)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>measure</b>');
    const txt = await (await get(server.url, `${base}.txt`, session.tokens.attendee)).text();
    for (const line of txt.split('\n')) {
      if (line.length > 72) expect(line.trim(), 'only a lone URL may be longer than 72').toMatch(/^(\[\d+\] )?https?:\/\/\S+$/);
    }
    const record = (await (await get(server.url, `${base}.json`, session.tokens.follower)).json()) as MinutesRecord;
    expect(Object.keys(record)).toEqual(expect.arrayContaining(['session', 'timer', 'attendees', 'minutes', 'actionItems', 'decisions']));
    expect(record.attendees.map((p) => [p.name, p.role])).toEqual([
      ['Ada Moderator', 'moderator'],
      ['Bob Attendee', 'attendee'],
    ]);
    expect(record.session).not.toHaveProperty('tokens');
    expect(record.minutes.type).toBe('doc');
    expect(JSON.stringify(record.minutes)).toContain('keep the old ABI');

    const download = await get(server.url, `${base}.md?download`, session.tokens.follower);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="live-migration-scriptalert1script-minutes\.md"$/);
  });

  it('answers 404 for an unknown session or format and 401 for a bad token', async () => {
    const session = await createSession(server.url, { title: 'Errors', durationMinutes: 30 });
    expect((await get(server.url, `/api/sessions/nope/minutes.md`, session.tokens.moderator)).status).toBe(404);
    expect((await get(server.url, `/api/sessions/${session.id}/minutes.pdf`, session.tokens.moderator)).status).toBe(404);
    expect((await get(server.url, `/api/sessions/${session.id}/minutes.md`, 'wrong')).status).toBe(401);
    expect((await get(server.url, `/api/sessions/${session.id}/minutes.md`)).status).toBe(401);
    const badTo = await get(server.url, `/api/sessions/${session.id}/minutes.eml?to=not-an-address`, session.tokens.moderator);
    expect(badTo.status).toBe(400);
    expect(((await badTo.json()) as { error: string }).error).toMatch(/email/i);
  });

  it('lets the moderator nominate a minute-taker among those who joined; everyone hears it; every export names them', async () => {
    const session = await createSession(server.url, { title: 'Nominations', durationMinutes: 30 });
    await writeMinutes(server.url, session, session.tokens.attendee, 'Chloé Taker', 'attendee', 'Notes.');
    await eventually(async () => {
      const record = (await (await get(server.url, `/api/sessions/${session.id}/minutes.json`, session.tokens.attendee)).json()) as MinutesRecord;
      return record.attendees.some((p) => p.name === 'Chloé Taker');
    });
    const moderator = control(server.url, session.tokens.moderator);
    const attendee = control(server.url, session.tokens.attendee);
    const follower = control(server.url, session.tokens.follower);
    const first = await Promise.all([moderator, attendee, follower].map((c) => nextMinutesState(c, () => true)));
    for (const status of first) expect(status).toEqual({ sessionId: session.id, minuteTaker: null, sent: [] });

    expect(await nominate(attendee, { name: 'Chloé Taker' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await nominate(moderator, { name: 'Somebody Else' })).toMatchObject({ ok: false, error: 'not-present' });
    for (const bad of [null, {}, { name: 42 }, { name: '' }, { name: 'x'.repeat(201) }, { name: 'a', extra: 1 }]) {
      expect(await nominate(moderator, bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: 'invalid-command' });
    }
    const heard = Promise.all([attendee, follower].map((c) => nextMinutesState(c, (s) => s.minuteTaker === 'Chloé Taker')));
    expect(await nominate(moderator, { name: 'Chloé Taker' })).toMatchObject({ ok: true, status: { minuteTaker: 'Chloé Taker' } });
    await heard;
    for (const format of ['md', 'txt', 'html', 'json']) {
      const body = await (await get(server.url, `/api/sessions/${session.id}/minutes.${format}`, session.tokens.follower)).text();
      expect(body, format).toContain('Chloé Taker');
    }
    // a late joiner is told on connect
    expect(await nextMinutesState(control(server.url, session.tokens.follower), () => true)).toMatchObject({ minuteTaker: 'Chloé Taker' });
  });

  it('takes the board picture from a seat only, and only a PNG', async () => {
    const session = await createSession(server.url, { title: 'Board', durationMinutes: 30 });
    const put = (token: string, body: Buffer) =>
      fetch(`${server.url}/api/sessions/${session.id}/minutes/board.png`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
        body,
      });
    expect((await put(session.tokens.follower, PNG)).status).toBe(403);
    expect((await put(session.tokens.attendee, Buffer.from('GIF89a not a png'))).status).toBe(400);
    const asJson = await fetch(`${server.url}/api/sessions/${session.id}/minutes/board.png`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.tokens.attendee}`, 'content-type': 'application/json' },
      body: '{"not":"an image"}',
    });
    expect(asJson.status).toBe(415);
    expect((await put(session.tokens.attendee, Buffer.alloc(9 * 1024 * 1024, 1))).status).toBe(413);
    expect((await put(session.tokens.attendee, PNG)).status).toBe(204);
    const withBoard = await (await get(server.url, `/api/sessions/${session.id}/minutes.eml`, session.tokens.follower)).text();
    expect(withBoard).toContain('Content-Type: image/png; name=whiteboard.png');
    expect(withBoard.replace(/\r\n/g, '')).toContain(PNG.toString('base64')); // base64 lines are wrapped
    expect((await put(session.tokens.moderator, Buffer.alloc(0))).status).toBe(204); // the board was cleared
    const without = await (await get(server.url, `/api/sessions/${session.id}/minutes.eml`, session.tokens.follower)).text();
    expect(without).not.toContain('image/png');
  });

  it('answers 503 for sending without SMTP, and offers the preview all the same', async () => {
    const session = await createSession(server.url, { title: 'No SMTP', durationMinutes: 30, mailingList: 'list@example.org' });
    const res = await fetch(`${server.url}/api/sessions/${session.id}/minutes/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.tokens.moderator}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/SMTP/);
    const preview = (await (await get(server.url, `/api/sessions/${session.id}/minutes/email`, session.tokens.moderator)).json()) as MinutesEmailPreview;
    expect(preview).toMatchObject({ to: ['list@example.org'], subject: '[Design Session] No SMTP: minutes', smtpConfigured: false });
    expect((await get(server.url, `/api/sessions/${session.id}/minutes/email`, session.tokens.attendee)).status).toBe(403);
  });
});

describe('posting the minutes over SMTP', () => {
  let smtp: TestSmtpServer;
  let server: RoundtableServer;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start({ refuse: ['nobody@example.org'] });
    server = await startServer({ smtpUrl: smtp.url, mailFrom: 'Xen Summit <summit@example.org>' });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  const send = (session: CreatedSession, body: unknown, token = session.tokens.moderator) =>
    fetch(`${server.url}/api/sessions/${session.id}/minutes/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('sends exactly the eml export to the mailing list, and records the posting', async () => {
    const session = await createSession(server.url, {
      title: 'Grant tables v3 — Zürich',
      durationMinutes: 50,
      moderatorName: 'Ada',
      mailingList: 'xen-devel@example.org',
    });
    const ada = await writeMinutes(server.url, session, session.tokens.moderator, 'Ada', 'moderator', 'Décision: ship it.');
    await writeMinutes(server.url, session, session.tokens.attendee, 'Bob', 'attendee', 'Bob will write the patch.');
    await bothWritten(server.url, session, ada, ['ship it', 'write the patch']);
    await fetch(`${server.url}/api/sessions/${session.id}/minutes/board.png`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.tokens.attendee}`, 'content-type': 'image/png' },
      body: PNG,
    });
    await endSession(server.url, session);
    const watcher = control(server.url, session.tokens.follower);
    const recorded = nextMinutesState(watcher, (s) => s.sent.length === 1);

    const res = await send(session, {});
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { messageId: string; accepted: string[]; rejected: string[] };
    expect(answer.accepted).toEqual(['xen-devel@example.org']);
    expect(answer.rejected).toEqual([]);
    expect(answer.messageId).toMatch(/^<minutes\.[\w-]+\.[0-9a-f]+@localhost>$/);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('summit@example.org');
    expect(mail.to).toEqual(['xen-devel@example.org']);
    const eml = Buffer.from(await (await get(server.url, `/api/sessions/${session.id}/minutes.eml`, session.tokens.follower)).arrayBuffer());
    expect(mail.raw.equals(eml), 'the received message is the eml export, byte for byte').toBe(true);

    const text = eml.toString('utf8');
    const headers = text.slice(0, text.indexOf('\r\n\r\n'));
    expect(headers).toContain(`Message-ID: ${answer.messageId}`);
    expect(headers).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
    expect(headers).toContain('From: Xen Summit <summit@example.org>');
    expect(headers).toContain('To: xen-devel@example.org');
    expect(headers).toContain('MIME-Version: 1.0');
    expect(headers).toMatch(/^Subject: =\?UTF-8\?Q\?/m); // encoded: the title is not ASCII
    expect(text).toContain('Content-Type: text/plain; charset=utf-8');
    expect(text).toContain('Content-Type: image/png; name=whiteboard.png');
    expect(text.split('\r\n').every((line) => line.length <= 998)).toBe(true);

    expect(await recorded).toMatchObject({ sent: [{ messageId: answer.messageId, accepted: ['xen-devel@example.org'] }] });
    const json = (await (await get(server.url, `/api/sessions/${session.id}/minutes.json`, session.tokens.follower)).json()) as MinutesRecord;
    expect(json.timer.phase).toBe('ended');
  });

  it('sends to a given address instead, matching the eml export for that address', async () => {
    const session = await createSession(server.url, { title: 'Elsewhere', durationMinutes: 30 });
    await endSession(server.url, session);
    expect((await send(session, {})).status).toBe(400); // no list, no address
    const before = smtp.received.length;
    const res = await send(session, { to: 'someone@example.org' });
    expect(res.status).toBe(200);
    const eml = Buffer.from(
      await (await get(server.url, `/api/sessions/${session.id}/minutes.eml?to=someone@example.org`, session.tokens.moderator)).arrayBuffer(),
    );
    expect(smtp.received[before]!.raw.equals(eml)).toBe(true);
  });

  it('while the session runs, sends the very message the moderator reviewed, or 409 if the minutes changed since', async () => {
    const session = await createSession(server.url, { title: 'Running', durationMinutes: 30, mailingList: 'list@example.org' });
    const ada = await writeMinutes(server.url, session, session.tokens.attendee, 'Ada', 'attendee', 'First line.');
    await bothWritten(server.url, session, ada, ['First line.']);
    const preview = async () =>
      (await (await get(server.url, `/api/sessions/${session.id}/minutes/email`, session.tokens.moderator)).json()) as MinutesEmailPreview;
    const reviewed = await preview();
    expect(reviewed.text).toContain('First line.');

    // Someone adds a line after the moderator reviewed: the reviewed message is no longer the minutes.
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, 'A late line.');
    paragraph.insert(0, [text]);
    ada.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes).push([paragraph]);
    await bothWritten(server.url, session, ada, ['A late line.']);
    const before = smtp.received.length;
    const stale = await send(session, { messageId: reviewed.messageId, asOf: reviewed.asOf });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toMatch(/changed since this preview/);
    expect(smtp.received.length).toBe(before);

    // Reviewed again, a moment later: that exact message goes out, whatever the time now.
    const again = await preview();
    expect(again.text).toContain('A late line.');
    const res = await send(session, { messageId: again.messageId, asOf: again.asOf });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { messageId: string }).messageId).toBe(again.messageId);
    const raw = smtp.received[before]!.raw.toString('utf8');
    expect(raw).toContain(`Message-ID: ${again.messageId}`);
    expect(raw).toContain(`Date: ${again.date.replace('GMT', '+0000')}`);
  });

  it('refuses other roles, bad tokens and bad addresses, and marks nothing as sent on an SMTP refusal or outage', async () => {
    const session = await createSession(server.url, { title: 'Refusals', durationMinutes: 30, mailingList: 'list@example.org' });
    expect((await send(session, {}, session.tokens.attendee)).status).toBe(403);
    expect((await send(session, {}, session.tokens.follower)).status).toBe(403);
    expect((await send(session, {}, 'bad-token')).status).toBe(401);
    for (const body of [{ to: 'not an address' }, { to: 42 }, { cc: 'x@example.org' }]) {
      const res = await send(session, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }

    const refused = await send(session, { to: 'nobody@example.org' });
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: string }).error).toMatch(/refused.*550|550.*refused|nobody@example\.org/);

    const down = await startServer({ smtpUrl: 'smtp://127.0.0.1:9' }); // the discard port: nobody listens
    try {
      const other = await createSession(down.url, { title: 'Outage', durationMinutes: 30, mailingList: 'list@example.org' });
      const res = await fetch(`${down.url}/api/sessions/${other.id}/minutes/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.tokens.moderator}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: string }).error).toMatch(/smtp:\/\/127\.0\.0\.1:9/);
      const watcher = control(down.url, other.tokens.moderator);
      expect(await nextMinutesState(watcher, () => true)).toMatchObject({ sent: [] });
    } finally {
      await down.stop();
    }
    const watcher = control(server.url, session.tokens.moderator);
    expect(await nextMinutesState(watcher, () => true)).toMatchObject({ sent: [] });
  });
});
