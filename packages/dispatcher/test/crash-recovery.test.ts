import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecret } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCopy } from './helpers/private-build.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';
import { tempDir } from './helpers/temp-dir.js';

const childScript = fileURLToPath(new URL('./crash/crash-child.mjs', import.meta.url));

const kills = 20;

describe('crash recovery (SIGKILL at random moments)', () => {
  let receiver: TestReceiver;
  let dir: ReturnType<typeof tempDir>;
  let distDir: string;
  const secret = generateSecret();

  beforeAll(async () => {
    distDir = buildPrivateCopy('hookline-crash-build');
    receiver = await startReceiver([secret]);
    dir = tempDir('hookline-crash-');
  }, 60_000);
  /** Every child started; one still running when the test ends (it failed or timed out) is killed. */
  const children = new Set<ChildProcess>();
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await receiver?.close();
    dir?.remove();
  });

  const spawnChild = (mode: 'publish' | 'drain', run: number): ChildProcess => {
    const child = spawn(process.execPath, [childScript], {
      env: {
        ...process.env,
        HOOKLINE_DISPATCHER_DIST: distDir,
        DB_PATH: join(dir.path, 'outbox.db'),
        RECEIVER_URL: receiver.url,
        ACK_FILE: join(dir.path, 'acked.txt'),
        SECRET: secret,
        MODE: mode,
        RUN: String(run),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    return child;
  };

  const readyLine = (child: ChildProcess, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`the child did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error('the child exited before it was ready'));
      });
    });

  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );

  it('delivers every acknowledged event at least once, always with the same webhook-id, across many kill -9s', async () => {
    writeFileSync(join(dir.path, 'acked.txt'), '');
    const ackedCount = () =>
      readFileSync(join(dir.path, 'acked.txt'), 'utf8').split('\n').filter(Boolean).length;
    const firstAckAfter = async (before: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (ackedCount() === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const stderr: string[] = [];
    for (let run = 0; run < kills; run++) {
      const child = spawnChild('publish', run);
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      const done = exited(child);
      // Every fourth run dies during start-up; the others at a random moment after it, while
      // publishing, delivering or committing. Waiting for "ready" keeps that true on a loaded
      // machine, where start-up alone can outlast a fixed delay.
      if (run % 4 === 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      } else {
        await readyLine(child, 30_000);
        // Once this run has acknowledged an event (on a loaded machine the first publish can
        // take longer than the random delay), then at a random moment.
        await firstAckAfter(ackedCount(), 30_000);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 480));
      }
      child.kill('SIGKILL');
      const { signal } = await done;
      expect(signal, stderr.join('')).toBe('SIGKILL');
    }

    const drain = spawnChild('drain', kills);
    let out = '';
    drain.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    drain.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const drained = await exited(drain);
    expect(drained.code, stderr.join('')).toBe(0);
    expect(out).toContain('drained failed=0');

    const acked = readFileSync(join(dir.path, 'acked.txt'), 'utf8').split('\n').filter(Boolean);
    const receivedIds = new Set(receiver.received.map((r) => r.id));
    // The runs killed after start-up (all but every fourth) each acknowledged events first.
    expect(acked.length).toBeGreaterThanOrEqual(kills - Math.ceil(kills / 4));
    const lost = acked.filter((id) => !receivedIds.has(id));
    expect(lost).toEqual([]);

    // A redelivery is the same event under the same webhook-id: one body per id.
    const bodyById = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const parsed = JSON.parse(r.body) as { id: string; resource_id: string };
      expect(parsed.id).toBe(r.id);
      const bodies = bodyById.get(r.id) ?? new Set();
      bodies.add(parsed.resource_id);
      bodyById.set(r.id, bodies);
    }
    expect([...bodyById.values()].every((bodies) => bodies.size === 1)).toBe(true);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(
      existsSync(join(dir.path, 'outbox.db-wal')) || existsSync(join(dir.path, 'outbox.db')),
    ).toBe(true);
  }, 180_000);
});
