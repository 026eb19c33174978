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
    // CI runs every package's tests at once on 2 cores; CPU-heavy tests (property checks,
    // official vectors) took up to 4 s there, too close to the 5 s default.
    testTimeout: 30_000,
    // Type-level tests (expectTypeOf, @ts-expect-error) run through tsc.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
