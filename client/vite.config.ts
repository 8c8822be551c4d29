import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * tldraw keeps its CDN as a fallback for assets we do not pass. We pass them all; rewriting the
 * address to one on our own origin makes sure a room network without internet never waits on it.
 */
function noOutsideCdn(): Plugin {
  const cdn = 'https://cdn.tldraw.com';
  return {
    name: 'roundtable:no-outside-cdn',
    transform(code, id) {
      if (!id.includes('tldraw') || !code.includes(cdn)) return null;
      return { code: code.replaceAll(cdn, '/tldraw-cdn-unused'), map: null };
    },
  };
}

const server = process.env.ROUNDTABLE_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), noOutsideCdn()],
  resolve: {
    alias: { '@roundtable/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': server,
      '/healthz': server,
      '/yjs': { target: server.replace(/^http/, 'ws'), ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
  // @tldraw/assets' vite entry imports its files by URL; pre-bundling it breaks those imports.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: { outDir: 'dist', emptyOutDir: true },
});
