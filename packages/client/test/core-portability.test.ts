import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../src');
const coreFiles = readdirSync(src)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ name: f, text: readFileSync(join(src, f), 'utf8') }));

describe('the core entry runs in every runtime and does not load zod', () => {
  it('finds the core files', () => {
    expect(coreFiles.map((f) => f.name)).toContain('create-typed-client.ts');
  });

  it('imports @hookline/openapi (which loads zod) only as types outside the validate subpath', () => {
    for (const { name, text } of coreFiles) {
      const valueImports = text.match(
        /^import\s+(?!type\b)[^;]*from\s+'(@hookline\/openapi|zod)'/gm,
      );
      expect(valueImports, name).toBeNull();
    }
  });

  it('uses no Node-only modules or globals', () => {
    for (const { name, text } of coreFiles) {
      expect(text, name).not.toMatch(/from\s+'node:|process\.|Buffer\b|require\(/);
    }
  });
});
