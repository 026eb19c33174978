import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { hooklineHono } from '../../src/hono/index.js';
import { createReceiver } from '../../src/index.js';
import { checkAdapter, checkCompressedRefused, deliver } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { close } from '../support/servers.js';
import { SECRET } from '../support/sign.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function start(options: Parameters<typeof createReceiver>[0]) {
  const receiver = createReceiver(options);
  const handled: string[] = [];
  receiver.onAny((event) => {
    handled.push(event.id);
  });
  const app = new Hono();
  app.all('/webhooks', hooklineHono(receiver));
  const base = await new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server as Server);
  });
  return { receiver, handled, base };
}

describe('hono adapter', () => {
  it('serves real signed deliveries through @hono/node-server', async () => {
    const { receiver, handled, base } = await start({ secret: SECRET });
    await checkAdapter(`${base}/webhooks`, receiver, handled);
  });

  it('refuses a gzip-compressed body with 415 like the other adapters', async () => {
    const { handled, base } = await start({ secret: SECRET });
    await checkCompressedRefused(`${base}/webhooks`);
    expect(handled).toEqual([]);
  });

  it('reads the Node socket address for the allowlist', async () => {
    const allowed = await start({ secret: SECRET, allowIps: ['127.0.0.1'] });
    expect(
      (await deliver(`${allowed.base}/webhooks`, exampleEvent('user.created', 1))).status,
    ).toBe(200);
    const denied = await start({ secret: SECRET, allowIps: ['203.0.113.0/24'] });
    expect((await deliver(`${denied.base}/webhooks`, exampleEvent('user.created', 1))).status).toBe(
      403,
    );
  });
});
