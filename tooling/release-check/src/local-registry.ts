import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './workspace.js';

const verdaccioBin = fileURLToPath(new URL('../node_modules/.bin/verdaccio', import.meta.url));

/** A running verdaccio on loopback with one user who may publish. */
export interface LocalRegistry {
  url: string;
  /** `.npmrc` lines that send the `@hookline` scope to this registry, with the user's token. */
  npmrc: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway verdaccio in `dir` that holds only `@hookline/*`, exactly what gets
 * published to it. Consumers point the `@hookline` scope at it (`scopeNpmrc`) and take
 * third-party dependencies from their usual registry, so a flaky proxy can't fail a run.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      '    max_users: 10',
      'packages:',
      "  '@hookline/*':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    verdaccioBin,
    ['--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited early:\n${output}`);
    try {
      const ping = await fetch(`${url}/-/ping`);
      if (ping.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`verdaccio did not answer /-/ping within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  // npm's adduser call: creates the user and returns a token.
  const name = 'rehearsal';
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'rehearsal-password', type: 'user', roles: [] }),
  });
  if (!response.ok) {
    await stop();
    throw new Error(
      `verdaccio refused to create a user: ${response.status} ${await response.text()}`,
    );
  }
  const { token } = (await response.json()) as { token: string };
  const npmrc = `@hookline:registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`;
  return { url, npmrc, stop };
}
