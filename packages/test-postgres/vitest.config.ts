import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/test-postgres',
    include: ['test/**/*.test.ts'],
    // Starting a throwaway PostgreSQL takes a second or two on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
