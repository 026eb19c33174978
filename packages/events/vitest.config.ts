import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Examples import the package by name, as users do; point that at the source under test.
    alias: { '@hookline/events': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    name: '@hookline/events',
    include: ['test/**/*.test.ts'],
    // Type-level tests (expectTypeOf, @ts-expect-error) run through tsc.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
