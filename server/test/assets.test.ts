import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '@roundtable/shared';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { createSession, startServer } from './helpers.js';

// The smallest valid PNG: 1x1 transparent pixel.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

let server: RoundtableServer;
let session: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.url);
});
afterAll(() => server.stop());

function upload(body: Buffer, type: string, token: string | undefined, sessionId = session.id) {
  return fetch(`${server.url}/api/sessions/${sessionId}/assets`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

describe('board images', () => {
  it('stores an uploaded image under DATA_DIR and serves it back with any token of the session', async () => {
    const res = await upload(PNG, 'image/png', session.tokens.attendee);
    expect(res.status).toBe(201);
    const { id, url } = (await res.json()) as { id: string; url: string };
    expect(url).toBe(`/api/sessions/${session.id}/assets/${id}`);
    expect(fs.readFileSync(path.join(server.config.dataDir, 'assets', session.id, id)).equals(PNG)).toBe(true);

    const got = await fetch(`${server.url}${url}?token=${session.tokens.follower}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toContain('private');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    expect((await fetch(`${server.url}${url}`)).status).toBe(401);
    const other = await createSession(server.url);
    expect((await fetch(`${server.url}${url}?token=${other.tokens.moderator}`)).status).toBe(401);
  });

  it('refuses followers, strangers, unknown sessions, wrong types, lies and oversized files', async () => {
    expect((await upload(PNG, 'image/png', session.tokens.follower)).status).toBe(403);
    expect((await upload(PNG, 'image/png', undefined)).status).toBe(401);
    expect((await upload(PNG, 'image/png', session.tokens.moderator, 'nope')).status).toBe(404);
    const svg = await upload(Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml', session.tokens.moderator);
    expect(svg.status).toBe(415);
    expect(((await svg.json()) as { error: string }).error).toMatch(/unsupported image type/);
    const lie = await upload(JPEG_START, 'image/png', session.tokens.moderator);
    expect(lie.status).toBe(400);
    expect(((await lie.json()) as { error: string }).error).toMatch(/not a image\/png/);
    expect((await upload(Buffer.alloc(0), 'image/png', session.tokens.moderator)).status).toBe(400);
    const huge = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(huge, 'image/png', session.tokens.moderator)).status).toBe(413);
  });

  it('refuses an upload over the size limit or of another type with an error saying why, while others upload alike', async () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const [tooLarge, notAnImage, lie, stranger, fine] = await Promise.all([
      upload(huge, 'image/png', session.tokens.moderator),
      upload(html, 'text/html', session.tokens.moderator),
      upload(html, 'image/png', session.tokens.moderator),
      upload(huge, 'image/png', undefined), // the token is checked before a byte of the body is read
      upload(PNG, 'image/png', session.tokens.attendee), // someone else, meanwhile
    ]);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await tooLarge.json()).toEqual({ error: 'the image is larger than 10 MiB (10485760 bytes), the limit for a board image', limitBytes: 10485760 });
    expect(notAnImage.status).toBe(415);
    expect(((await notAnImage.json()) as { error: string }).error).toBe(
      'unsupported image type "text/html": use one of image/png, image/jpeg, image/gif, image/webp',
    );
    // The type is checked against the bytes (their magic number), not taken on trust.
    expect(lie.status).toBe(400);
    expect(((await lie.json()) as { error: string }).error).toBe('the body is not a image/png image');
    expect(stranger.status).toBe(401);
    expect(fine.status).toBe(201);
    const { url } = (await fine.json()) as { url: string };
    const got = await fetch(`${server.url}${url}?token=${session.tokens.moderator}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('never serves anything outside the session folder', async () => {
    for (const id of ['..%2F..%2Froundtable.sqlite', '..%2Fx.png', 'missing-but-well-formed-id.png']) {
      const res = await fetch(`${server.url}/api/sessions/${session.id}/assets/${id}?token=${session.tokens.moderator}`);
      expect(res.status).toBe(404);
    }
  });
});
