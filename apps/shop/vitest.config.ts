import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/shop',
    include: ['test/**/*.test.ts'],
    // Real platform + shop servers, SQLite files and a real Chromium on a busy 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The browser test and the server tests each start their own servers; one file at a time
    // keeps the shared machine responsive.
    fileParallelism: false,
  },
});
