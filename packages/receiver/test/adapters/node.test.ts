import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/index.js';
import { createNodeHandler } from '../../src/node/index.js';
import { checkAdapter, deliver, rawPost } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { close, listen } from '../support/servers.js';
import { SECRET, signedHeaders } from '../support/sign.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function serve(options: Parameters<typeof createReceiver>[0]) {
  const receiver = createReceiver(options);
  const handled: string[] = [];
  receiver.onAny((event) => {
    handled.push(event.id);
  });
  const server = createServer(createNodeHandler(receiver));
  servers.push(server);
  const url = `${await listen(server)}/webhooks`;
  return { receiver, handled, url };
}

describe('node:http adapter', () => {
  it('serves real signed deliveries end to end', async () => {
    const { receiver, handled, url } = await serve({ secret: SECRET });
    await checkAdapter(url, receiver, handled);
  });

  it('passes the socket address to the allowlist', async () => {
    const allowed = await serve({ secret: SECRET, allowIps: ['127.0.0.0/8'] });
    expect((await deliver(allowed.url, exampleEvent('user.created', 1))).status).toBe(200);
    const denied = await serve({ secret: SECRET, allowIps: ['203.0.113.0/24'] });
    expect((await deliver(denied.url, exampleEvent('user.created', 1))).status).toBe(403);
  });

  it('answers 413 to a declared oversized body without waiting for it', async () => {
    const { url } = await serve({ secret: SECRET, maxBodyBytes: 64 });
    const text = JSON.stringify(exampleEvent('user.created', 1));
    const response = await rawPost(
      url,
      { ...(await signedHeaders(text)), 'content-length': String(text.length) },
      text,
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });
});
