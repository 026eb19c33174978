import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicPackages, repoRoot, rootBin, run } from '../src/workspace.js';

const packages = publicPackages();

describe('published shape of every public package', () => {
  it('finds the public packages', () => {
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@hookline/events',
        '@hookline/openapi',
        '@hookline/signature',
        '@hookline/receiver',
        '@hookline/client',
      ]),
    );
  });

  it('releases every public package together: one changesets fixed group holds exactly them', () => {
    const config = JSON.parse(
      readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8'),
    ) as {
      fixed: string[][];
    };
    expect(config.fixed).toHaveLength(1);
    expect([...(config.fixed[0] ?? [])].sort()).toEqual(packages.map((p) => p.name).sort());
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      it('declares what a registry user needs (files, sideEffects, engines, license, repository, README)', () => {
        const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as Record<
          string,
          unknown
        >;
        for (const field of [
          'files',
          'sideEffects',
          'engines',
          'license',
          'repository',
          'exports',
        ]) {
          expect(manifest[field], `${pkg.name} package.json "${field}"`).toBeDefined();
        }
        const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
        expect(readme, `${pkg.name} README has a code example`).toMatch(/```(ts|js|typescript)/);
      });

      it('is clean under publint --strict', async () => {
        const result = await run(rootBin('publint'), ['--strict', '.'], {
          cwd: pkg.dir,
          allowFailure: true,
        });
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      });

      it('resolves every entry and subpath to types and JavaScript (attw --pack)', async () => {
        // node10 resolution predates `exports`; the packages require Node >= 20.19 (engines),
        // so node16 (from CJS and from ESM) and bundler resolution are the ones that matter.
        // Data files exported for tools (openapi.yaml) are not modules; attw cannot type them.
        const dataFiles = Object.entries(pkg.manifest.exports ?? {})
          .filter(([, target]) => typeof target === 'string' && /\.(ya?ml|txt|md)$/.test(target))
          .map(([subpath]) => subpath);
        const result = await run(
          rootBin('attw'),
          [
            '--pack',
            '.',
            '--profile',
            'node16',
            '--format',
            'json',
            ...(dataFiles.length > 0 ? ['--exclude-entrypoints', ...dataFiles] : []),
          ],
          { cwd: pkg.dir, allowFailure: true },
        );
        const report = JSON.parse(result.stdout) as {
          analysis: {
            problems?: { resolutionKind?: string }[];
            entrypoints?: Record<string, unknown>;
          };
        };
        const problems = (report.analysis.problems ?? []).filter(
          (problem) => problem.resolutionKind !== 'node10',
        );
        expect(problems, result.stdout).toEqual([]);
        const declared = Object.keys(pkg.manifest.exports ?? {}).filter(
          (key) => key !== './package.json' && !dataFiles.includes(key),
        );
        const analysed = Object.keys(report.analysis.entrypoints ?? {});
        expect(analysed).toEqual(expect.arrayContaining(declared));
      });
    });
  }
});
