import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/dispatcher',
    include: ['test/**/*.test.ts'],
    // Starting a throwaway PostgreSQL (when HOOKLINE_TEST_DATABASE_URL is unset) and building
    // the package for the crash test take a few seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
