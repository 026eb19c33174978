import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/release-check',
    include: ['test/**/*.test.ts'],
    // Packing, installing and publishing real tarballs takes a while on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
