import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { packageRoot, renderGeneratedFiles } from '../scripts/generated-files.js';

describe('generated files', () => {
  it('are exactly what the generator produces now (otherwise: run pnpm generate)', async () => {
    const files = await renderGeneratedFiles();
    expect(Object.keys(files).sort()).toEqual([
      'generated/openapi.json',
      'generated/openapi.yaml',
      'src/generated/openapi-types.ts',
    ]);
    const stale: string[] = [];
    for (const [path, expected] of Object.entries(files)) {
      const onDisk = await readFile(join(packageRoot, path), 'utf8').catch(() => undefined);
      if (onDisk !== expected) stale.push(path);
    }
    expect(
      stale,
      `out of date: ${stale.join(', ')} — run pnpm generate in packages/openapi`,
    ).toEqual([]);
  });

  it('carry the "generated — do not edit" note', async () => {
    const files = await renderGeneratedFiles();
    const note = 'generated — do not edit; run pnpm generate';
    expect(files['generated/openapi.yaml']?.startsWith(`# ${note}\n`)).toBe(true);
    expect(files['src/generated/openapi-types.ts']?.startsWith(`// ${note}\n`)).toBe(true);
    expect(JSON.parse(files['generated/openapi.json'] ?? '{}').info['x-generated']).toBe(note);
  });

  it('render the same bytes twice (the generator is deterministic)', async () => {
    expect(await renderGeneratedFiles()).toEqual(await renderGeneratedFiles());
  });

  it('do not depend on which module was imported first (components.schemas has a fixed order)', async () => {
    const committed = await readFile(join(packageRoot, 'generated/openapi.json'), 'utf8');
    // Fresh module graphs, entered through different modules: the registration order differs.
    for (const first of [
      '../src/index.js',
      '../src/schemas/webhook-endpoint.js',
      '../src/schemas/problem.js',
      '../src/operations/index.js',
    ]) {
      vi.resetModules();
      await import(first);
      const { buildOpenApiDocument } = await import('../src/document/build-document.js');
      expect(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n` === committed, first).toBe(
        true,
      );
    }
  });
});
