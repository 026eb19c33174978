import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/receiver',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Embedded Postgres and real servers need more than the default 5 s on a busy 2-core box.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
