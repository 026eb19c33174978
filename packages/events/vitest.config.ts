import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/events',
    include: ['test/**/*.test.ts'],
  },
});
