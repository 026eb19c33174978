import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRegistry, startLocalRegistry } from '../src/local-registry.js';
import { publicPackages, repoRoot, run } from '../src/workspace.js';

/**
 * Runs the real release flow (changeset version, then `pnpm release`) on a copy of the
 * repository against a local verdaccio, then installs from it as a user would.
 */
describe('release rehearsal against a local registry', () => {
  const work = mkdtempSync(join(tmpdir(), 'hookline-release-'));
  const repo = join(work, 'repo');
  let registry: LocalRegistry;
  const env = { TURBO_TELEMETRY_DISABLED: '1', CI: 'true' };

  beforeAll(async () => {
    // The working tree as git sees it (tracked and untracked-but-not-ignored files).
    const listed = await run(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: repoRoot,
      },
    );
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const from = join(repoRoot, file);
      if (!existsSync(from)) continue; // deleted in the working tree
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      cpSync(from, join(repo, file));
    }
    registry = await startLocalRegistry(join(work, 'registry'));
    writeFileSync(join(repo, '.npmrc'), registry.npmrc);
    await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    await run(
      'git',
      ['-c', 'user.name=rehearsal', '-c', 'user.email=r@example.invalid', 'add', '-A'],
      {
        cwd: repo,
      },
    );
    await run(
      'git',
      [
        '-c',
        'user.name=rehearsal',
        '-c',
        'user.email=r@example.invalid',
        'commit',
        '-q',
        '-m',
        'copy',
      ],
      { cwd: repo },
    );
    await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: repo, env });
  });

  afterAll(async () => {
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('versions every package together, publishes them, and installs them at one version', async () => {
    const before = publicPackages(repo);
    const oldVersion = before[0]?.version;
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(new Set(before.map((p) => p.version))).toEqual(new Set([oldVersion]));

    // A pending change to one package: the fixed group must carry all of them along.
    writeFileSync(
      join(repo, '.changeset', 'release-rehearsal.md'),
      '---\n"@hookline/signature": patch\n---\n\nRelease rehearsal.\n',
    );
    await run('pnpm', ['run', 'version-packages'], { cwd: repo, env });
    const after = publicPackages(repo);
    const versions = new Set(after.map((p) => p.version));
    expect(versions.size, JSON.stringify(after.map((p) => [p.name, p.version]))).toBe(1);
    const [newVersion] = [...versions];
    expect(newVersion).not.toBe(oldVersion);
    for (const pkg of after) {
      expect(readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8')).toContain(`## ${newVersion}`);
    }
    await run(
      'git',
      [
        '-c',
        'user.name=rehearsal',
        '-c',
        'user.email=r@example.invalid',
        'commit',
        '-qam',
        'version',
      ],
      { cwd: repo },
    );

    // The real release command, against the local registry only.
    await run('pnpm', ['run', 'release'], {
      cwd: repo,
      env: { ...env, npm_config_registry: `${registry.url}/` },
    });

    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
    writeFileSync(join(consumer, '.npmrc'), `@hookline:registry=${registry.url}/\n`);
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '@hookline/client', '@hookline/receiver'],
      {
        cwd: consumer,
      },
    );
    const installed = (name: string) =>
      JSON.parse(readFileSync(join(consumer, 'node_modules', name, 'package.json'), 'utf8'))
        .version;
    for (const name of [
      '@hookline/client',
      '@hookline/receiver',
      '@hookline/openapi',
      '@hookline/events',
      '@hookline/signature',
    ]) {
      expect(installed(name), name).toBe(newVersion);
    }
    // Every public package arrived at the registry at the new version.
    for (const pkg of after) {
      const view = await run(
        'npm',
        ['view', `${pkg.name}@${newVersion}`, 'version', '--registry', `${registry.url}/`],
        {
          cwd: consumer,
        },
      );
      expect(view.stdout.trim(), pkg.name).toBe(newVersion);
    }
  });
});
