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

const isTldraw = (id: string) => /[\\/]node_modules[\\/].*[\\/]tldraw[\\/]/.test(id);
/** Names rolldown gave the chunks holding tldraw, for their CSS to follow the JavaScript's name. */
const tldrawChunkNames = new Set<string>();

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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // tldraw's lazy chunk is shared by the workspace's board and the projector, and would be
        // named after whichever of our modules comes first in it (its CSS too): a fixed name says
        // what it is. Only the file name changes; what goes in which chunk is rolldown's choice.
        chunkFileNames: (chunk) => {
          if (!chunk.moduleIds.some(isTldraw)) return 'assets/[name]-[hash].js';
          tldrawChunkNames.add(chunk.name);
          return 'assets/tldraw-[hash].js';
        },
        assetFileNames: (asset) =>
          asset.names.some((name) => tldrawChunkNames.has(name.replace(/\.css$/, ''))) ? 'assets/tldraw-[hash][extname]' : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
