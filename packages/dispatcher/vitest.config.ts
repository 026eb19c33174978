import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/dispatcher',
    include: ['test/**/*.test.ts'],
  },
});
