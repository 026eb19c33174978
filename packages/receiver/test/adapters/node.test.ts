import { createServer, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/index.js';
import { createNodeHandler } from '../../src/node/index.js';
import { checkAdapter, deliver, rawPost } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { uploadPastLimit } from '../support/oversized-upload.js';
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

  it('stops reading a chunked upload past the limit, answers 413 and closes the connection', async () => {
    const receiver = createReceiver({ secret: SECRET, maxBodyBytes: 1024 });
    const handler = createNodeHandler(receiver);
    let bytesReadAtAnswer = -1;
    const server = createServer((req, res) => {
      res.on('finish', () => {
        bytesReadAtAnswer = req.socket.bytesRead;
      });
      return handler(req, res);
    });
    servers.push(server);
    const url = `${await listen(server)}/webhooks`;
    const headers = await signedHeaders('{}', { id: 'evt_chunked' });
    const chunk = Buffer.alloc(512, 0x20);
    const chunks = 400; // 200 KiB offered, slowly
    const result = await new Promise<{
      status: number;
      body: string;
      connection: string | undefined;
    }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (part: string) => {
            data += part;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: data,
              connection: res.headers.connection,
            }),
          );
        },
      );
      req.on('error', () => {}); // writes after the server closed may fail; the answer already arrived
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === chunks || req.destroyed) {
          clearInterval(timer);
          if (!req.destroyed) req.end();
          return;
        }
        sent += 1;
        req.write(chunk);
      }, 1);
      req.on('close', () => clearInterval(timer));
      setTimeout(() => reject(new Error('no answer')), 10_000).unref();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.code).toBe('payload_too_large');
    expect(result.connection).toBe('close');
    expect(bytesReadAtAnswer).toBeGreaterThan(1024);
    expect(bytesReadAtAnswer).toBeLessThan((chunks * chunk.length) / 4);
  });

  describe('after a 413, the rest of the upload', () => {
    async function refusingServer() {
      const receiver = createReceiver({ secret: SECRET, maxBodyBytes: 1024 });
      const handler = createNodeHandler(receiver);
      const read = { atAnswer: -1, atClose: -1 };
      let serverClosed: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => {
        serverClosed = resolve;
      });
      const server = createServer((req, res) => {
        res.on('finish', () => {
          read.atAnswer = req.socket.bytesRead;
        });
        return handler(req, res);
      });
      server.on('connection', (socket) => {
        socket.on('close', () => {
          read.atClose = socket.bytesRead;
          serverClosed();
        });
      });
      servers.push(server);
      const url = `${await listen(server)}/webhooks`;
      return { url, read, closed, headers: await signedHeaders('{}', { id: 'evt_linger' }) };
    }

    it('is read and dropped, so the client gets the answer and a clean close, not a reset', async () => {
      const { url, headers } = await refusingServer();
      const outcome = await uploadPastLimit(url, headers, {
        burstBytes: 256 * 1024,
        afterBurst: 'finish',
      });
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body).error.code).toBe('payload_too_large');
      expect(outcome.connection).toBe('close');
      expect(outcome.reset).toBe(false);
    });

    it('is read only up to 1 MiB past the answer, then the connection is cut', async () => {
      const { url, headers, read, closed } = await refusingServer();
      const outcome = await uploadPastLimit(url, headers, {
        burstBytes: 64 * 1024,
        afterBurst: 'flood',
      });
      await closed;
      expect(outcome.status).toBe(413);
      expect(read.atAnswer).toBeGreaterThan(0);
      expect(read.atClose - read.atAnswer).toBeGreaterThan(0);
      // 1 MiB of lingering plus at most one read's worth of overshoot
      expect(read.atClose - read.atAnswer).toBeLessThan(1024 * 1024 + 256 * 1024);
    });

    it('is waited for only a bounded time when the client stalls', async () => {
      const { url, headers, closed } = await refusingServer();
      const outcome = await uploadPastLimit(url, headers, {
        burstBytes: 64 * 1024,
        afterBurst: 'stall',
        stallUntil: closed,
      });
      expect(outcome.status).toBe(413);
      expect(outcome.reset).toBe(false);
    });
  });
});
