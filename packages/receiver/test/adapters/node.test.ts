import { createServer, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/index.js';
import { createNodeHandler } from '../../src/node/index.js';
import { checkAdapter, checkCompressedRefused, deliver, rawPost } from '../support/deliveries.js';
import { exampleEvent } from '../support/events.js';
import { checkOversizedUpload, uploadPastLimit } from '../support/oversized-upload.js';
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

  it('refuses a gzip-compressed body with 415 instead of verifying the compressed bytes', async () => {
    const { url, handled } = await serve({ secret: SECRET });
    await checkCompressedRefused(url);
    expect(handled).toEqual([]);
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

  it('reads and drops the rest of a slowly sent oversized upload, then answers 413 on a connection it keeps', async () => {
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
    const chunk = Buffer.alloc(2048, 0x20);
    const chunks = 50; // 100 KiB offered, a chunk a millisecond: well inside the 2 s bound
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
    // The whole upload was read (and dropped, never buffered) before the answer: the sender
    // sees its 413, not a reset, and may reuse the connection.
    expect(result.connection).not.toBe('close');
    expect(bytesReadAtAnswer).toBeGreaterThan(chunks * chunk.length);
  });

  describe('an upload past the limit', () => {
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
      return { url, read, closed, headers: await signedHeaders('{}', { id: 'evt_drain' }) };
    }

    it('is read to its end and answered 413 on a connection that stays usable, never reset', async () => {
      const { url, headers } = await refusingServer();
      await checkOversizedUpload(url, headers);
    });

    it('is read only up to 1 MiB past where the receiver stopped, then answered with connection: close', async () => {
      const { url, headers, read, closed } = await refusingServer();
      const outcome = await uploadPastLimit(url, headers, {
        burstBytes: 64 * 1024,
        afterBurst: 'flood',
      });
      await closed;
      // A sender that never stops may lose the answer to the reset; what is bounded is the
      // server's reading: the limit, 1 MiB drained, and what the reads in flight overshoot.
      if (outcome.status !== 0) expect(outcome.connection).toBe('close');
      expect(read.atAnswer).toBeGreaterThan(1024 * 1024);
      expect(read.atClose).toBeLessThan(1024 + 1024 * 1024 + 512 * 1024);
    });

    it('is waited for only a bounded time when the sender stalls, then answered and closed', async () => {
      const { url, headers, closed } = await refusingServer();
      const outcome = await uploadPastLimit(url, headers, {
        burstBytes: 64 * 1024,
        afterBurst: 'stall',
        stallUntil: closed,
      });
      expect(outcome.status).toBe(413);
      expect(outcome.connection).toBe('close');
      expect(outcome.reset).toBe(false);
    });
  });
});
