import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package folder. */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the package (ESM, all entries) into `node_modules/.cache/<name>` and returns the folder.
 * Tests that run the built package use their own copy so that a concurrent `pnpm build`, which
 * cleans dist/, cannot pull files away mid-test, and so they do not depend on build order.
 */
export function buildPrivateCopy(name: string): string {
  const outDir = join(packageDir, 'node_modules', '.cache', name);
  execFileSync(
    'pnpm',
    [
      'exec',
      'tsdown',
      '--no-config',
      '--no-dts',
      '-f',
      'esm',
      '-d',
      outDir,
      'src/index.ts',
      'src/sqlite/index.ts',
      'src/postgres/index.ts',
    ],
    { cwd: packageDir, stdio: 'pipe' },
  );
  return outDir;
}

/** Maps `@hookline/dispatcher` and its subpaths to file URLs in a private build. */
export function entryUrl(outDir: string, specifier: string): string {
  const subpath = specifier.replace(/^@hookline\/dispatcher\/?/, '');
  return pathToFileURL(join(outDir, subpath === '' ? 'index.mjs' : `${subpath}/index.mjs`)).href;
}
