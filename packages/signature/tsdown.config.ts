import { defineConfig } from 'tsdown';

export default defineConfig({
  // index: the WebCrypto build ("default" condition, every runtime).
  // index.node: the same names on node:crypto (the "node" condition of ".").
  // node/index: the `@hookline/signature/node` subpath, node:crypto plus the *Sync variants.
  entry: {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    'node/index': 'src/node/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
