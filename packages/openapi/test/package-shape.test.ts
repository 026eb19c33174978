import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../scripts/generated-files.js';
import { document } from './helpers/document.js';

const require = createRequire(join(packageRoot, 'package.json'));

describe('the published shape', () => {
  it('resolves @hookline/openapi/openapi.json and /openapi.yaml to the generated document', async () => {
    const jsonPath = require.resolve('@hookline/openapi/openapi.json');
    const yamlPath = require.resolve('@hookline/openapi/openapi.yaml');
    expect(jsonPath).toBe(join(packageRoot, 'generated', 'openapi.json'));
    expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toEqual(document);
    expect(parse(await readFile(yamlPath, 'utf8'))).toEqual(document);
  });

  it('ships the generated folder and keeps the generator out of the runtime dependencies', async () => {
    const manifest = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8'));
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'generated']));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@hookline/events', 'zod']);
    expect(manifest.scripts.generate).toBe('tsx scripts/generate.ts');
  });
});
