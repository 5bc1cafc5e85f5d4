import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A test run never writes an expected file: a missing or different snapshot fails, on every
    // machine. Expected outputs are written on purpose with `npm run test:update`, then reviewed.
    update: 'none',
  },
});
