import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests of shared/, server/, client/ and the bench's own logic; the browser suite has its own config in e2e/.
export default defineConfig({
  resolve: {
    alias: { '@roundtable/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'client/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Servers started inside the tests log nothing unless asked (LOG_LEVEL=debug npx vitest ...);
    // servers spawned as processes log at info, which their tests read (test/serverProcess.ts).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
