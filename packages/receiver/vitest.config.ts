import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/receiver',
    include: ['test/**/*.test.ts'],
  },
});
