import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end suites start servers on loopback ports; keep worker count modest on 2 cores.
    poolOptions: { forks: { maxForks: 2 } },
    pool: 'forks',
  },
});
