import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/sqlite/index.ts', 'src/postgres/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The bundler's runtime helpers (CommonJS interop) get a chunk of their own: left to
  // itself it puts them in the postgres entry, and the core .cjs then requires that entry —
  // and with it `pg`, an optional peer a SQLite or memory user never installed.
  outputOptions: {
    advancedChunks: { groups: [{ name: 'rolldown-runtime', test: /rolldown[\\/]runtime/ }] },
  },
});
