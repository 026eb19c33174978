import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressMiddleware } from '../../src/express/index.js';
import { createReceiver } from '../../src/index.js';
import { checkAdapter, checkCompressedRefused, deliver } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { checkOversizedUpload } from '../support/oversized-upload.js';
import { close } from '../support/servers.js';
import { SECRET, signedHeaders } from '../support/sign.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

function setup() {
  const receiver = createReceiver({ secret: SECRET });
  const handled: string[] = [];
  receiver.onAny((event) => {
    handled.push(event.id);
  });
  return { receiver, handled, middleware: createExpressMiddleware(receiver) };
}

async function start(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('express adapter', () => {
  it('serves real signed deliveries when mounted before express.json()', async () => {
    const { receiver, handled, middleware } = setup();
    const app = express();
    app.all('/webhooks', middleware);
    app.use(express.json());
    app.post('/api/echo', (req, res) => {
      res.json(req.body);
    });
    const base = await start(app);
    await checkAdapter(`${base}/webhooks`, receiver, handled);
    // The rest of the app still gets parsed JSON.
    const echo = await fetch(`${base}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await echo.json()).toEqual({ a: 1 });
  });

  it('accepts the raw Buffer from express.raw({ type: "application/json" })', async () => {
    const { handled, receiver, middleware } = setup();
    const app = express();
    app.post('/webhooks', express.raw({ type: 'application/json' }), middleware);
    const base = await start(app);
    const event = exampleEvent('user.created', 1);
    expect((await deliver(`${base}/webhooks`, event)).status).toBe(200);
    await receiver.drain();
    expect(handled).toEqual([event.id]);
  });

  it('refuses a gzip-compressed body with 415 like the other adapters, also after express.raw() inflated it', async () => {
    const { middleware, handled } = setup();
    const app = express();
    app.post('/raw', express.raw({ type: 'application/json' }), middleware);
    app.post('/stream', middleware);
    const base = await start(app);
    await checkCompressedRefused(`${base}/raw`);
    await checkCompressedRefused(`${base}/stream`);
    expect(handled).toEqual([]);
  });

  it('answers 500 body_already_parsed with the fix when express.json() ran first', async () => {
    const { middleware } = setup();
    const app = express();
    app.use(express.json());
    app.post('/webhooks', middleware);
    const base = await start(app);
    const response = await deliver(`${base}/webhooks`, exampleEvent('user.created', 1));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('body_already_parsed');
    expect(body.error.message).toContain("express.raw({ type: 'application/json' })");
    expect(body.error.message).toContain('before express.json()');
  });

  it('answers body_already_parsed when another middleware consumed the stream', async () => {
    const { middleware } = setup();
    const app = express();
    app.post(
      '/webhooks',
      (req, _res, next) => {
        req.on('data', () => {});
        req.on('end', () => next());
      },
      middleware,
    );
    const base = await start(app);
    const response = await deliver(`${base}/webhooks`, exampleEvent('user.created', 1));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'body_already_parsed',
    );
  });

  it('streams the body when an earlier parser skipped the request but left req.body = {} (Express 4 style)', async () => {
    const { handled, receiver, middleware } = setup();
    const app = express();
    app.use((req, _res, next) => {
      req.body = {};
      next();
    });
    app.post('/webhooks', middleware);
    const base = await start(app);
    const event = exampleEvent('user.created', 1);
    expect((await deliver(`${base}/webhooks`, event)).status).toBe(200);
    await receiver.drain();
    expect(handled).toEqual([event.id]);
  });

  it('reads an oversized chunked upload to its end and answers 413, so the answer is not lost to a reset', async () => {
    const receiver = createReceiver({ secret: SECRET, maxBodyBytes: 1024 });
    const app = express();
    app.post('/webhooks', createExpressMiddleware(receiver));
    const base = await start(app);
    // The middleware is mounted for POST only: Express answers the GET 404.
    await checkOversizedUpload(
      `${base}/webhooks`,
      await signedHeaders('{}', { id: 'evt_big' }),
      404,
    );
  });
});
