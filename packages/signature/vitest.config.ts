import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/signature',
    include: ['test/**/*.test.ts'],
  },
});
