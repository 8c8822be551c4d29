import { defineConfig } from 'vitest/config';

// The browser suite: real Chromium against the built app (`pnpm build` first).
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
