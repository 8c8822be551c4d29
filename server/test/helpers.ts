import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { DOCUMENT_LAYOUT, type CreatedSession, type Role } from '@roundtable/shared';
import { configFromEnv, type ServerConfig } from '../src/config.js';
import { RoundtableServer } from '../src/RoundtableServer.js';

// Each y-websocket provider adds an exit listener in Node; tests open many at once.
process.setMaxListeners(200);

export function tempDir(prefix = 'roundtable-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts a real server on a free port with its own SQLite file. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RoundtableServer> {
  const config = { ...configFromEnv({ PORT: '0', DATA_DIR: tempDir() }), clientDir: '', ...overrides };
  const server = await RoundtableServer.start(config);
  // PUBLIC_URL defaults to the configured port (0 here); tests want the real one.
  return server;
}

export async function createSession(
  baseUrl: string,
  body: Record<string, unknown> = { title: 'Test session', durationMinutes: 50 },
  headers: Record<string, string> = {},
): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A real, unmodified y-websocket client, as the contract promises works. */
export function connectClient(baseUrl: string, sessionId: string, token: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, sessionId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Joins the session's document as the browser does, putting the name in the attendee map (where
 * the moderator picks the minute-taker from). The client goes into `clients`, for cleanup.
 */
export async function joinDocument(baseUrl: string, sessionId: string, token: string, name: string, role: Role, clients: Client[]): Promise<Client> {
  const client = connectClient(baseUrl, sessionId, token);
  clients.push(client);
  await synced(client);
  client.doc.getMap(DOCUMENT_LAYOUT.attendees).set(name, { role, firstSeenAt: new Date().toISOString() });
  return client;
}

export function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        client.provider.off('sync', onSync);
        resolve();
      };
      client.provider.on('sync', onSync);
    }),
    timeoutMs,
    'client never synced',
  );
}

/** Resolves once `check` holds, re-checking on every change of the doc (no fixed sleeps). */
export function until(doc: Y.Doc, check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  if (check()) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      const onUpdate = () => {
        if (!check()) return;
        doc.off('update', onUpdate);
        resolve();
      };
      doc.on('update', onUpdate);
    }),
    timeoutMs,
    `timed out waiting for ${what}`,
  );
}

/** Resolves once `check` holds, re-checking on every change of the client's awareness (presence). */
export function awarenessUntil(client: Client, check: () => boolean, timeoutMs = 10_000, what = 'awareness'): Promise<void> {
  const awareness = client.provider.awareness;
  if (check()) return Promise.resolve();
  let onChange = () => {};
  return withTimeout(
    new Promise<void>((resolve) => {
      onChange = () => {
        if (check()) resolve();
      };
      awareness.on('change', onChange);
    }),
    timeoutMs,
    `timed out waiting for ${what}`,
  ).finally(() => awareness.off('change', onChange));
}

/** The awareness state `observer` holds for `of`'s client, if any. */
export function awarenessStateOf(observer: Client, of: Client): { role?: string; user?: { name?: string } } | undefined {
  return observer.provider.awareness.getStates().get(of.doc.clientID);
}

/** Polls a condition that no event announces (e.g. server-side state), with a deadline. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface RawClose {
  code: number;
  reason: string;
}

/** Opens a raw websocket to the sync endpoint and resolves with how the server closed it. */
export function rawSocket(baseUrl: string, sessionId: string, token?: string): WebSocket {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${encodeURIComponent(sessionId)}${query}`);
}

export function closeOf(socket: WebSocket, timeoutMs = 10_000): Promise<RawClose> {
  return withTimeout(
    new Promise<RawClose>((resolve) => {
      socket.on('error', () => {});
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    }),
    timeoutMs,
    'socket was not closed',
  );
}

export function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

export function tokenFor(session: CreatedSession, role: Role): string {
  return session.tokens[role];
}
