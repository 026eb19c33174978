import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrivateCopy, entryUrl, packageDir } from './helpers/private-build.js';
import { tempDir } from './helpers/temp-dir.js';

describe('README', () => {
  it('runs the example at the top as written: retry after a 503, delivery log, replay', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    // The example imports the package by name; point those imports at a fresh build of it.
    const outDir = buildPrivateCopy('hookline-readme-build');
    const runnable = code!.replace(
      /from '(@hookline\/dispatcher(?:\/\w+)?)'/g,
      (_, specifier: string) => `from '${entryUrl(outDir, specifier)}'`,
    );
    expect(runnable).not.toContain("'@hookline/dispatcher");
    // Inside the package so that its imports resolve as they would for a user; the database
    // files go to a temp folder (the script's working directory).
    const script = join(packageDir, 'node_modules', '.cache', 'readme-example.mts');
    writeFileSync(script, runnable);
    const cwd = tempDir('hookline-readme-');
    try {
      const out = execFileSync(
        join(packageDir, '..', '..', 'node_modules', '.bin', 'tsx'),
        [script],
        {
          cwd: cwd.path,
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(out).toMatch(/attempt 1: evt_\w+ v1/);
      expect(out).toMatch(/#1 503 \d+ ms receiver answered HTTP 503/);
      expect(out).toMatch(/#2 204 \d+ ms/);
      expect(out).toContain('delivered 3 times');
    } finally {
      cwd.remove();
    }
  });
});
