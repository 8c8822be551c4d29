import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { connectClient, createSession, eventually, rawSocket, startServer, synced, tempDir, until, type Client } from './helpers.js';
import { connectControl, type ControlClient } from './controlClient.js';
import { spawnServer, stopProcess, type ServerProcess } from './serverProcess.js';
import { parsePrometheusText, sampleValue } from './prometheusText.js';

const clients: Client[] = [];
const controls: ControlClient[] = [];
const servers: RoundtableServer[] = [];
const processes: ServerProcess[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const c of controls.splice(0)) c.socket.close();
  for (const s of servers.splice(0)) await s.stop();
  for (const p of processes.splice(0)) await stopProcess(p);
});

async function start(overrides: Parameters<typeof startServer>[0] = {}): Promise<RoundtableServer> {
  const server = await startServer(overrides);
  servers.push(server);
  return server;
}

function connect(url: string, sessionId: string, token: string): Client {
  const client = connectClient(url, sessionId, token);
  clients.push(client);
  return client;
}

describe('GET /metrics', () => {
  it('shows the connections, the room, the updates and the storage writes of a session being edited', async () => {
    const server = await start();
    const session = await createSession(server.url);
    const moderator = connect(server.url, session.id, session.tokens.moderator);
    const attendee = connect(server.url, session.id, session.tokens.attendee);
    const follower = connect(server.url, session.id, session.tokens.follower);
    const control = connectControl(server.url, session.tokens.attendee);
    controls.push(control);
    await Promise.all([synced(moderator), synced(attendee), synced(follower), control.waitForState(() => true)]);
    moderator.doc.getText('metrics').insert(0, 'hello');
    await until(follower.doc, () => follower.doc.getText('metrics').toString() === 'hello');
    await until(attendee.doc, () => attendee.doc.getText('metrics').toString() === 'hello');

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await res.text());
    for (const role of ['moderator', 'attendee', 'follower']) {
      expect(sampleValue(samples, 'roundtable_connections', { kind: 'sync', role })).toBe(1);
    }
    expect(sampleValue(samples, 'roundtable_connections', { kind: 'control', role: 'attendee' })).toBe(1);
    expect(sampleValue(samples, 'roundtable_connections', { kind: 'control', role: 'moderator' })).toBe(0);
    expect(sampleValue(samples, 'roundtable_rooms_loaded')).toBe(1);
    expect(sampleValue(samples, 'roundtable_document_updates_total', { stage: 'received' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'roundtable_document_updates_total', { stage: 'applied' })).toBeGreaterThanOrEqual(1);
    // The edit went to the attendee and the follower, not back to its sender.
    expect(sampleValue(samples, 'roundtable_updates_forwarded_total')).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'roundtable_storage_write_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'roundtable_storage_write_seconds_bucket', { le: '+Inf' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'roundtable_errors_total', { kind: 'storage_write' })).toBe(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // The heap reserved holds the heap in use; memory outside it is reported too.
    expect(sampleValue(samples, 'nodejs_heap_total_bytes')).toBeGreaterThanOrEqual(sampleValue(samples, 'nodejs_heap_used_bytes')!);
    expect(sampleValue(samples, 'nodejs_external_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_array_buffers_bytes')).toBeGreaterThanOrEqual(0);
  });

  it('counts the closes a protocol error causes, by code', async () => {
    const server = await start();
    const session = await createSession(server.url);
    const socket = rawSocket(server.url, session.id, 'not-a-token');
    await new Promise((resolve) => socket.once('close', resolve));

    const samples = parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text());
    expect(sampleValue(samples, 'roundtable_errors_total', { kind: 'sync_close', code: '4401' })).toBe(1);
  });

  it('needs Authorization: Bearer <METRICS_TOKEN> when one is set', async () => {
    const server = await start({ metricsToken: 'scrape-secret' });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // Not in the query: a URL ends up in logs and histories.
    expect((await fetch(`${server.url}/metrics?token=scrape-secret`)).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
    expect(res.status).toBe(200);
    expect(parsePrometheusText(await res.text()).length).toBeGreaterThan(0);
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id, and answers with a fresh one otherwise', async () => {
    const server = await start();
    const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a:42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a:42');
    const insane = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const none = await fetch(`${server.url}/api/nothing-here`);
    expect(none.status).toBe(404);
    expect(none.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });
});

describe('shutdown, in process', () => {
  it('answers /healthz with 503 from the moment it begins, and refuses new connections', async () => {
    const server = await start();
    const port = server.port;
    let stopped: Promise<void> | undefined;
    // The stop begins as this request arrives, on a connection that was already open.
    server.httpServer.prependListener('request', (req: { url?: string }) => {
      if (req.url === '/healthz?stop') stopped = server.stop();
    });
    const res = await fetch(`${server.url}/healthz?stop`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: 'server is shutting down' });
    // HTTP and websockets alike: nothing listens any more.
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve('connected'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await stopped;
  });
});

describe('logs', () => {
  it('writes one JSON line per request and connection event, with ids, and never a token or a document', async () => {
    const server = await spawnServer({ DATA_DIR: tempDir() });
    processes.push(server);
    const session = await createSession(server.url);
    const res = await fetch(`${server.url}/api/sessions/${session.id}?token=${session.tokens.attendee}`, {
      headers: { 'x-request-id': 'test-request-1' },
    });
    expect(res.status).toBe(200);
    const secretText = 'words that only the document holds';
    const client = connect(server.url, session.id, session.tokens.moderator);
    await synced(client);
    client.doc.getText('minutes-draft').insert(0, secretText);
    const reader = connect(server.url, session.id, session.tokens.follower);
    await until(reader.doc, () => reader.doc.getText('minutes-draft').toString() === secretText);
    client.destroy();
    const moderatorClosed = /"role":"moderator".*"by":"client".*"msg":"sync connection closed"/;
    await eventually(() => moderatorClosed.test(server.output()), 10_000, 'the close of the moderator logged');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const output = server.output();
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const token of Object.values(session.tokens)) expect(output).not.toContain(token);
    expect(output).not.toContain(secretText);
    expect(lines.every((line) => typeof line.level === 'string' && typeof line.time === 'string' && typeof line.msg === 'string')).toBe(true);

    const request = lines.find((line) => line.reqId === 'test-request-1');
    expect(request).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: `/api/sessions/${session.id}`, status: 200 });
    expect(request!.durationMs).toEqual(expect.any(Number));

    const opened = lines.find((line) => line.msg === 'sync connection opened' && line.role === 'moderator');
    expect(opened).toMatchObject({ level: 'info', component: 'sync', session: session.id });
    expect(opened!.conn).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const closed = lines.find((line) => line.msg === 'sync connection closed' && line.conn === opened!.conn);
    expect(closed).toMatchObject({ level: 'info', role: 'moderator', code: 1005, by: 'client' }); // a close without a code
    // The follower was still connected: the shutdown closed it with 1001.
    expect(lines.find((line) => line.msg === 'sync connection closed' && line.role === 'follower')).toMatchObject({ code: 1001, by: 'server' });
    expect(lines.some((line) => line.msg === 'shut down: every room stored and closed')).toBe(true);
  });
});
