import { defineConfig } from 'tsdown';

export default defineConfig({
  // The validate entry loads zod (through @hookline/openapi); the core entry must not.
  entry: { index: 'src/index.ts', validate: 'src/validate/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
