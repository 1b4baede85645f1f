import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The backends the app registers at start (the service reaches EWS through electron/backends/port.ts).
    setupFiles: ['test/support/registerBackends.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here: keep workers few so the simulator-backed tests are not starved.
    maxWorkers: 2,
  },
});
