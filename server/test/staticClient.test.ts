import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundtableServer } from '../src/RoundtableServer.js';
import { startServer, tempDir } from './helpers.js';

let server: RoundtableServer;

/** fetch() always decompresses; a raw request shows what went over the wire. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  const clientDir = tempDir('roundtable-client-');
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><head><title>Roundtable</title></head><div id="root"></div>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'index-abc123.js'), 'console.log("roundtable");\n'.repeat(2000));
  server = await startServer({ clientDir, tldrawLicenseKey: 'key-</script><script>alert(1)</script>' });
});
afterAll(() => server.stop());

describe('the built client', () => {
  it('serves the page for client routes and for the root', async () => {
    for (const route of ['/', '/s/some-session']) {
      const res = await fetch(`${server.url}${route}?token=x`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('embeds the client configuration as inert JSON', async () => {
    const page = await (await fetch(`${server.url}/s/x`)).text();
    const json = /<script type="application\/json" id="roundtable-config">(.*?)<\/script>/.exec(page)?.[1];
    expect(JSON.parse(json!)).toEqual({ tldrawLicenseKey: 'key-</script><script>alert(1)</script>' });
    expect(page).not.toContain('<script>alert(1)');
  });

  it('serves hashed assets gzipped and cacheable for good', async () => {
    const res = await rawGet(`${server.url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.bytes).toBeLessThan(5000);
  });

  it('answers a missing asset with 404, not the page', async () => {
    const res = await fetch(`${server.url}/assets/missing.js`);
    expect(res.status).toBe(404);
  });
});
