import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const shopDir = fileURLToPath(new URL('..', import.meta.url));
const startScript = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // start.mjs imports the built apps (the platform is built before this package's tests).
  execFileSync('pnpm', ['run', 'build'], { cwd: shopDir, stdio: 'ignore' });
  dir = await tempDir();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await dir?.cleanup();
});

/** Starts `node scripts/start.mjs` on free ports; resolves once it prints the shop's URL. */
async function runStart(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [startScript], {
    env: { ...process.env, PLATFORM_PORT: '0', SHOP_PORT: '0', HOOKLINE_DATA_DIR: dir.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start.mjs printed no URL:\n${output}`)),
      30_000,
    );
    const check = () => {
      const match = /Open the shop: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited with ${code} before printing the URL:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('scripts/start.mjs', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`starts the platform and the shop on loopback with SQLite files in the data folder, and ${signal} stops both with exit code 0`, async () => {
      const { child, url, output } = await runStart();
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Hookline example shop');
      const state = (await (await fetch(`${url}/api/state`)).json()) as {
        platform_url: string;
        webhook: { id: string; url: string } | null;
      };
      expect(state.webhook?.url).toBe(`${url}/webhooks`);
      const health = await fetch(`${state.platform_url}/healthz`);
      expect(health.status).toBe(200);
      expect(existsSync(`${dir.path}/platform.db`)).toBe(true);
      expect(existsSync(`${dir.path}/shop.db`)).toBe(true);

      child.kill(signal);
      expect(await exitOf(child)).toBe(0);
      expect(output()).toContain('stopped');
      await expect(fetch(url)).rejects.toThrow();
      await expect(fetch(`${state.platform_url}/healthz`)).rejects.toThrow();
    });
  }
});
