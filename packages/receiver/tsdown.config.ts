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
  // Optional peers and the sibling packages are resolved by the consumer, never bundled.
  external: [/^@hookline\//, 'libsql', 'pg', 'express', 'fastify', 'hono', /^node:/],
});
