import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/node/index.ts',
    'src/express/index.ts',
    'src/fastify/index.ts',
    'src/hono/index.ts',
    'src/sqlite/index.ts',
    'src/postgres/index.ts',
  ],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Optional peers and the sibling packages are resolved by the consumer, never bundled;
  // @hookline/internal (private, never published) is bundled.
  external: [
    /^@hookline\/(?!internal(\/|$))/,
    'libsql',
    'pg',
    'express',
    'fastify',
    'hono',
    /^node:/,
  ],
  // The bundler's runtime helpers (CommonJS interop) get a chunk of their own: left to
  // itself it puts them in the sqlite entry, and the core .cjs then requires that entry —
  // and with it `libsql`, an optional peer a Postgres user never installed.
  outputOptions: {
    advancedChunks: { groups: [{ name: 'rolldown-runtime', test: /rolldown[\\/]runtime/ }] },
  },
});
