import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../src/index.js';
import { eventually } from './support/test-platform.js';
import { startWebhookSink } from './support/webhook-sink.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hookline-platform-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs src/main.ts in a child process and resolves once it printed its URL and key. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, PORT: '', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the platform did not start:\n${output}`)),
      20_000,
    );
    const check = () => {
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      const key = output.match(/API key:\s+(\S+)/)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolve({ url, key });
      }
    };
    child.stdout.on('data', check);
    child.on('exit', () => reject(new Error(`the platform exited early:\n${output}`)));
  });
  return { child, ready, exited, output: () => output };
}

describe('the start script', () => {
  it('starts on --port 0, prints the URL and the sandbox key, and stops cleanly on SIGTERM', async () => {
    const database = join(dir, 'cli.db');
    const cli = startCli(['--port', '0', '--database', database]);
    const { url, key } = await cli.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(key).toBe('sk_test_hookline_sandbox');
    const created = await fetch(`${url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cli@example.com', password: 'long enough' }),
    });
    expect(created.status).toBe(201);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('stopped');
    expect(existsSync(database)).toBe(true);

    // The state is still there for the next start, with another key.
    const again = startCli(['--port', '0', '--database', database, '--api-key', 'sk_test_other']);
    const second = await again.ready;
    expect(second.key).toBe('sk_test_other');
    const users = await fetch(`${second.url}/v1/users?email=cli@example.com`, {
      headers: { authorization: 'Bearer sk_test_other' },
    });
    expect(((await users.json()) as { data: unknown[] }).data).toHaveLength(1);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });
});

describe('the start script’s delivery targets', () => {
  const createPrivate = async (url: string, key: string) =>
    (
      await fetch(`${url}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'http://10.20.30.40/hook', enabled_events: ['user.created'] }),
      })
    ).status;

  it('delivers to this machine only by default, and to private networks when asked', async () => {
    const plain = startCli(['--port', '0', '--database', ':memory:']);
    const first = await plain.ready;
    expect(await createPrivate(first.url, first.key)).toBe(400);
    plain.child.kill('SIGTERM');
    expect(await plain.exited).toBe(0);

    const flagged = startCli(['--port', '0', '--database', ':memory:', '--allow-private-networks']);
    const second = await flagged.ready;
    expect(await createPrivate(second.url, second.key)).toBe(201);
    flagged.child.kill('SIGTERM');
    expect(await flagged.exited).toBe(0);
  });

  it('refuses a HOOKLINE_ALLOW_PRIVATE_NETWORKS it cannot read, saying what it takes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0'], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, HOOKLINE_ALLOW_PRIVATE_NETWORKS: 'yes please' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('HOOKLINE_ALLOW_PRIVATE_NETWORKS must be 1 or true');
  });
});

describe('startPlatform().stop()', () => {
  it('waits for a delivery in flight, records its attempt, and closes the database', async () => {
    const sink = await startWebhookSink(() => 200, 300);
    const database = join(dir, 'drain.db');
    const platform = await startPlatform({
      port: 0,
      database,
      passwordCost: 1024,
      pollIntervalMs: 20,
    });
    try {
      const headers = {
        authorization: `Bearer ${platform.apiKey}`,
        'content-type': 'application/json',
      };
      await fetch(`${platform.url}/v1/webhook_endpoints`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: sink.url, enabled_events: ['user.created'] }),
      });
      await fetch(`${platform.url}/v1/users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: 'drain@example.com', password: 'long enough' }),
      });
      await eventually(() => sink.received[0], 'the delivery to be in flight');
    } finally {
      await platform.stop();
      await sink.close();
    }
    const db = new Database(database);
    try {
      const row = db.prepare('SELECT status, attempts FROM hookline_deliveries').get() as {
        status: string;
        attempts: number;
      };
      expect(row).toMatchObject({ status: 'succeeded', attempts: 1 });
    } finally {
      db.close();
    }
    await expect(fetch(`${platform.url}/healthz`)).rejects.toThrow();
  });
});

describe('a crash (SIGKILL) in the middle of writes', () => {
  it('loses no acknowledged user, leaves no user without its event nor an event without its user, and delivers every event after the restart', async () => {
    const database = join(dir, 'crash.db');
    const sink = await startWebhookSink();
    const first = startCli(['--port', '0', '--database', database]);
    const { url, key } = await first.ready;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    await fetch(`${url}/v1/webhook_endpoints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: sink.url, enabled_events: ['user.created'] }),
    });
    const acknowledged: string[] = [];
    let next = 0;
    const writer = async () => {
      for (;;) {
        const i = next++;
        try {
          const response = await fetch(`${url}/v1/users`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ email: `crash${i}@example.com`, password: 'long enough' }),
          });
          if (response.status === 201)
            acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await eventually(() => (acknowledged.length >= 30 ? true : undefined), '30 acknowledged users');
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    await first.exited;

    const second = startCli(['--port', '0', '--database', database]);
    try {
      const restarted = await second.ready;
      const get = async (path: string) =>
        (await (await fetch(`${restarted.url}${path}`, { headers })).json()) as {
          data: { id: string; resource_id?: string }[];
          has_more: boolean;
          next_cursor: string | null;
        };
      const all = async (path: string) => {
        const items: { id: string; resource_id?: string }[] = [];
        let cursor: string | null = null;
        for (;;) {
          const page = await get(`${path}?limit=100${cursor ? `&starting_after=${cursor}` : ''}`);
          items.push(...page.data);
          if (!page.has_more) return items;
          cursor = page.next_cursor;
        }
      };
      const users = (await all('/v1/users')).map((u) => u.id);
      const events = await all('/v1/events');
      expect(users).toEqual(expect.arrayContaining(acknowledged));
      expect(events.map((e) => e.resource_id).sort()).toEqual([...users].sort());
      // A delivery that was mid-attempt when the process died stays leased until its lease
      // (delivery timeout 10 s + 30 s) runs out; only then may the new process attempt it.
      const delivered = await eventually(
        () => {
          const ids = new Set(sink.received.map((hook) => hook.headers['webhook-id']));
          return events.every((e) => ids.has(e.id)) ? ids : undefined;
        },
        'every event to be delivered after the restart',
        60_000,
      );
      expect(delivered.size).toBe(events.length);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      await sink.close();
    }
  }, 120_000);
});
