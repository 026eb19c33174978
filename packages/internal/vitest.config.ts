import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/internal',
    include: ['test/**/*.test.ts'],
  },
});
