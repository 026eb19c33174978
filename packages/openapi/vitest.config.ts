import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@hookline/openapi',
    include: ['test/**/*.test.ts'],
  },
});
