import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { hooklineFastify } from '../../src/fastify/index.js';
import { createReceiver } from '../../src/index.js';
import { checkAdapter, checkCompressedRefused, deliver, rawPost } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { checkOversizedUpload } from '../support/oversized-upload.js';
import { SECRET, signedHeaders } from '../support/sign.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function serve(options: Parameters<typeof createReceiver>[0]) {
  const receiver = createReceiver(options);
  const handled: string[] = [];
  receiver.onAny((event) => {
    handled.push(event.id);
  });
  const app = Fastify();
  apps.push(app);
  await app.register(hooklineFastify, { receiver, path: '/webhooks' });
  app.post('/api/echo', async (request) => request.body);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { receiver, handled, base };
}

describe('fastify adapter', () => {
  it('serves real signed deliveries and leaves JSON parsing to the rest of the app', async () => {
    const { receiver, handled, base } = await serve({ secret: SECRET });
    await checkAdapter(`${base}/webhooks`, receiver, handled);
    const echo = await fetch(`${base}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await echo.json()).toEqual({ a: 1 });
  });

  it('refuses a gzip-compressed body with 415 like the other adapters', async () => {
    const { handled, base } = await serve({ secret: SECRET });
    await checkCompressedRefused(`${base}/webhooks`);
    expect(handled).toEqual([]);
  });

  it('answers 415 in the receiver format when the content type is missing or unknown', async () => {
    const { base } = await serve({ secret: SECRET });
    const text = JSON.stringify(exampleEvent('user.created', 1));
    const headers = await signedHeaders(text);
    const { 'content-type': _omit, ...withoutType } = headers;
    for (const extra of [{}, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const response = await rawPost(`${base}/webhooks`, { ...withoutType, ...extra }, text);
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body).error.code).toBe('unsupported_media_type');
    }
  });

  it('passes the socket address to the allowlist and applies the receiver size limit', async () => {
    const denied = await serve({ secret: SECRET, allowIps: ['203.0.113.0/24'] });
    expect((await deliver(`${denied.base}/webhooks`, exampleEvent('user.created', 1))).status).toBe(
      403,
    );
    const small = await serve({ secret: SECRET, maxBodyBytes: 64, allowIps: ['127.0.0.1', '::1'] });
    const text = JSON.stringify(exampleEvent('user.created', 1));
    const response = await rawPost(
      `${small.base}/webhooks`,
      { ...(await signedHeaders(text)), 'content-length': String(text.length) },
      text,
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });

  it('reads an oversized chunked upload to its end and answers 413, so the answer is not lost to a reset', async () => {
    const { base } = await serve({ secret: SECRET, maxBodyBytes: 1024 });
    const headers = await signedHeaders('{}', { id: 'evt_linger' });
    await checkOversizedUpload(`${base}/webhooks`, headers);
  });
});
