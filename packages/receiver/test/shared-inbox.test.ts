import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { github } from '@hookline/signature';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createReceiver } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';

const dir = mkdtempSync(join(tmpdir(), 'hookline-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GITHUB_SECRET = 'github-webhook-secret-shared';

async function githubPing(delivery: string): Promise<Request> {
  const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  return new Request('http://x/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': delivery,
      ...(await github.sign({ payload: body, secret: GITHUB_SECRET })),
    },
    body,
  });
}

describe('receivers sharing one inbox table', () => {
  it("two receivers on the default table each run only their own events, never completing the other's unhandled", async () => {
    const path = join(dir, 'shared.db');
    const hookline = createReceiver({ secret: SECRET, store: createSqliteStore({ path }) });
    const gh = createReceiver({
      secret: GITHUB_SECRET,
      scheme: 'github',
      parse: 'provider',
      store: createSqliteStore({ path }),
    });
    const handled: string[] = [];
    hookline.on('payment.succeeded', (event) => {
      handled.push(event.id);
    });
    gh.onProvider('ping', ({ id }) => {
      handled.push(id);
    });
    const event = exampleEvent('payment.succeeded', 2);
    expect((await hookline.fetch(await signedRequest(event))).status).toBe(200);
    expect((await gh.fetch(await githubPing('delivery-1'))).status).toBe(200);
    // Each worker gets there first for the other's event: it must leave it alone.
    expect(await gh.drain()).toBe(1);
    expect(handled).toEqual(['delivery-1']);
    expect(await hookline.inspect(event.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await hookline.drain()).toBe(1);
    expect(handled).toEqual(['delivery-1', event.id]);
    await Promise.all([hookline.store.close(), gh.store.close()]);
  });

  it('answers 503 (never a silent duplicate) when the id is already in the table under another receiver', async () => {
    const store = createMemoryStore();
    const shop = createReceiver({ secret: SECRET, store, name: 'shop' });
    const billing = createReceiver({ secret: SECRET, store, name: 'billing' });
    const errors: string[] = [];
    billing.onError((error, info) => errors.push(`${info.stage}: ${String(error)}`));
    const event = exampleEvent('payment.succeeded', 2);
    expect((await shop.fetch(await signedRequest(event))).status).toBe(200);
    const refused = await billing.fetch(await signedRequest(event));
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe('store_unavailable');
    expect(errors.join('\n')).toMatch(/receiver "shop".*tablePrefix/s);
  });

  it('warns when no handler matches (a worker without the new handler), and replay() runs it once one exists', async () => {
    const warnings: [string, unknown][] = [];
    const receiver = createReceiver({
      secret: SECRET,
      logger: { warn: (message, fields) => warnings.push([message, fields]) },
    });
    const event = exampleEvent('payment.succeeded', 2);
    await receiver.fetch(await signedRequest(event));
    expect(await receiver.drain()).toBe(1);
    expect(warnings).toEqual([
      [
        expect.stringMatching(/no handler/),
        expect.objectContaining({ id: event.id, event: 'payment.succeeded' }),
      ],
    ]);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
    const handled: string[] = [];
    receiver.on('payment.succeeded', (e) => {
      handled.push(e.id);
    });
    await receiver.replay(event.id);
    await receiver.drain();
    expect(handled).toEqual([event.id]);
    expect(warnings).toHaveLength(1);
  });

  it('refuses a receiver name that is empty or too long', () => {
    for (const name of ['', ' ', 'x'.repeat(201)]) {
      expect(() => createReceiver({ secret: SECRET, name })).toThrow(
        expect.objectContaining({
          code: 'invalid_options',
          message: expect.stringMatching(/name/),
        }),
      );
    }
  });
});
