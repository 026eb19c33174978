import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/client',
    include: ['test/**/*.test.ts'],
    // CI runs every package's tests at once on 2 cores; CPU-heavy tests (property checks,
    // official vectors) took up to 4 s there, too close to the 5 s default.
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
