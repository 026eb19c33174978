import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/openapi',
    include: ['test/**/*.test.ts'],
    // Validating every example against its schema is CPU-bound (~1 s alone); with every
    // package's tests running at once on a 2-core CI machine it took 7 s and hit the 5 s default.
    testTimeout: 30_000,
  },
});
