import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this tooling package). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A binary from the root node_modules/.bin (publint, attw, tsc ...). */
export const rootBin = (name: string): string => join(repoRoot, 'node_modules', '.bin', name);

export interface PublicPackage {
  name: string;
  version: string;
  dir: string;
  manifest: {
    name: string;
    version: string;
    exports?: Record<string, unknown>;
    dependencies?: Record<string, string>;
  };
}

/** Every non-private package under packages/, in name order. */
export function publicPackages(root: string = repoRoot): PublicPackage[] {
  const out: PublicPackage[] = [];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    let manifest: PublicPackage['manifest'] & { private?: boolean };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    out.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and collects its output. Rejects with the command line and
 * both streams when it exits non-zero (unless `allowFailure`), so a failing step explains itself.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean; input?: string } = {
    cwd: repoRoot,
  },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    // A child that exits before reading stdin would otherwise raise EPIPE here.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code !== 0 && !options.allowFailure) {
        reject(
          new Error(
            `\`${command} ${args.join(' ')}\` in ${options.cwd} exited ${result.code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
          ),
        );
      } else resolve(result);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a listening server'));
      });
    });
  });
}
