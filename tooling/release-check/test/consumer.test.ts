import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPackages, run } from '../src/workspace.js';

const fixtures = fileURLToPath(new URL('../fixtures/consumer/', import.meta.url));

/**
 * Packs every public package, installs the tarballs with plain npm into a fresh project
 * outside the workspace, and uses them the way a user would: ESM and CommonJS imports, a
 * type-check under node16 and bundler resolution, and one signed delivery through the receiver.
 */
describe('a consumer project installing the packed tarballs with npm', () => {
  const work = mkdtempSync(join(tmpdir(), 'hookline-consumer-'));
  const project = join(work, 'project');
  /** The consumer resolves from its own node_modules only, never through a NODE_PATH. */
  const isolated = { NODE_PATH: '' };

  beforeAll(async () => {
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    for (const pkg of publicPackages()) {
      await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: pkg.dir });
    }
    mkdirSync(project);
    cpSync(fixtures, project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'hookline-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        ...files,
        // What a user of the /sqlite subpath and of TypeScript installs beside Hookline.
        'libsql@0.5.29',
        'typescript@5.9.3',
        '@types/node@20.19.43',
      ],
      { cwd: project },
    );
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('installs every public package from its tarball', () => {
    const installed = readdirSync(join(project, 'node_modules', '@hookline')).sort();
    expect(installed).toEqual(publicPackages().map((p) => p.name.replace('@hookline/', '')));
  });

  it('imports from ESM and runs one signed delivery through the receiver', async () => {
    const { stdout } = await run('node', ['delivery.mjs'], { cwd: project, env: isolated });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toEqual({
      module: 'esm',
      status: 200,
      handled: [expect.stringMatching(/^evt_/)],
      parsed: true,
      client: 'function',
    });
  });

  it('requires from CommonJS and runs the same delivery', async () => {
    const { stdout } = await run('node', ['delivery.cjs'], { cwd: project, env: isolated });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toEqual({
      module: 'cjs',
      status: 200,
      handled: [expect.stringMatching(/^evt_/)],
      parsed: true,
      client: 'function',
    });
  });

  it('loads every entry but the optional-peer subpaths with require and import when no optional peer is installed', async () => {
    // Subpaths that exist for an optional peer (a database driver, a framework); everything
    // else must load without any of them, from CommonJS as from ESM.
    const peerSubpaths = new Set(['./sqlite', './postgres', './express', './fastify', './hono']);
    const entries = publicPackages().flatMap((pkg) =>
      Object.keys(pkg.manifest.exports ?? {})
        .filter((key) => !peerSubpaths.has(key) && !/\.(json|ya?ml)$/.test(key))
        .map((key) => `${pkg.name}${key.slice(1)}`),
    );
    expect(entries).toContain('@hookline/dispatcher');
    // libsql is the one optional peer this project installs (for the /sqlite delivery above).
    const libsql = join(project, 'node_modules', 'libsql');
    const hidden = `${libsql}.hidden`;
    renameSync(libsql, hidden);
    try {
      const script = `const entries = ${JSON.stringify(entries)};
        const failed = [];
        for (const entry of entries) {
          try { require(entry); } catch (e) { failed.push(entry + ' (require): ' + e.message.split('\\n')[0]); }
          try { await import(entry); } catch (e) { failed.push(entry + ' (import): ' + e.message.split('\\n')[0]); }
        }
        console.log(JSON.stringify(failed));`;
      const { stdout } = await run(
        'node',
        ['--input-type=commonjs', '-e', `(async () => { ${script} })()`],
        { cwd: project, env: isolated },
      );
      expect(JSON.parse(stdout.trim())).toEqual([]);
    } finally {
      renameSync(hidden, libsql);
    }
  });

  for (const resolution of ['node16', 'bundler']) {
    it(`type-checks a consumer .ts file under moduleResolution ${resolution}`, async () => {
      const result = await run(
        join(project, 'node_modules', '.bin', 'tsc'),
        ['-p', `tsconfig.${resolution}.json`],
        { cwd: project, env: isolated, allowFailure: true },
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
    });
  }

  it('fails the type-check when a consumer misuses the types (the check has teeth)', async () => {
    writeFileSync(
      join(project, 'misuse.ts'),
      "import { createClient } from '@hookline/client';\n" +
        "const client = createClient({ baseUrl: 'https://api.example.com', apiKey: 'k' });\n" +
        "await client.GET('/v1/payments/{payment_id}', { params: { path: { wrong: 1 } } });\n",
    );
    const result = await run(
      join(project, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', 'misuse.ts'],
      { cwd: project, env: isolated, allowFailure: true },
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('misuse.ts(3');
  });
});
