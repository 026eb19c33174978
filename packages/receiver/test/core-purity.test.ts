import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url);
// Core files are the ones directly under src/; adapters and SQL stores live in subfolders.
const coreFiles = readdirSync(srcDir).filter((name) => name.endsWith('.ts'));

describe('the core runs on any runtime', () => {
  it.each(coreFiles)('%s uses no Node built-ins, Buffer, process or framework imports', (name) => {
    // JSDoc examples may mention process.env; only code counts.
    const source = readFileSync(join(srcDir.pathname, name), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(source).not.toMatch(/from ['"]node:/);
    expect(source).not.toMatch(/\bprocess\./);
    expect(source).not.toMatch(/\bBuffer\b/);
    expect(source).not.toMatch(/from ['"](express|fastify|hono|pg|libsql)['"]/);
    expect(source).not.toMatch(/from ['"]\.\/(node|express|fastify|hono|sqlite|postgres)\//);
  });

  it('found the core files', () => {
    expect(coreFiles).toContain('create-receiver.ts');
    expect(coreFiles.length).toBeGreaterThan(8);
  });
});
