import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeTransport } from '../src/index.js';

const servers: Server[] = [];
const transports: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A loopback server answering with `handler`; counts the TCP connections it accepted. */
async function serve(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  servers.push(server);
  let connections = 0;
  server.on('connection', (_socket: Socket) => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, connections: () => connections };
}

const transport = (options?: Parameters<typeof createNodeTransport>[0]) => {
  const created = createNodeTransport(options);
  transports.push(created);
  return created;
};

const request = (port: number, timeoutMs = 2000) => ({
  // The host name does not exist: the request can only arrive through the pinned address.
  url: new URL(`http://hookline-test.invalid:${port}/hook?x=1`),
  address: { address: '127.0.0.1', family: 4 as const },
  addresses: [{ address: '127.0.0.1', family: 4 as const }],
  headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
  body: '{"hello":"world"}',
  timeoutMs,
  excerptBytes: 16,
});

describe('node transport (undici)', () => {
  it('POSTs the body and headers to the pinned address, keeps the excerpt bounded and reuses the connection', async () => {
    const seen: Array<{ url: string | undefined; id: unknown; host: unknown; body: string }> = [];
    const { port, connections } = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ url: req.url, id: req.headers['webhook-id'], host: req.headers.host, body });
        res.writeHead(202).end('accepted, and a much longer answer than sixteen bytes');
      });
    });
    const send = transport();
    for (let i = 0; i < 6; i++) {
      const response = await send(request(port));
      expect(response).toEqual({ status: 202, retryAfter: null, excerpt: 'accepted, and a ' });
    }
    expect(seen).toHaveLength(6);
    expect(seen[0]).toEqual({
      url: '/hook?x=1',
      id: 'msg_1',
      host: `hookline-test.invalid:${port}`,
      body: '{"hello":"world"}',
    });
    // Keep-alive: a request may find the previous connection still finishing and open one
    // more, never one per request.
    expect(connections()).toBeLessThanOrEqual(2);
  });

  it('returns the status and Retry-After of a refusal, and does not follow a redirect', async () => {
    let hits = 0;
    const { port } = await serve((req, res) => {
      hits++;
      req.resume();
      if (req.url?.startsWith('/hook')) {
        res.writeHead(429, { 'retry-after': '7' }).end('slow down');
      } else res.writeHead(200).end();
    });
    const send = transport();
    expect(await send(request(port))).toEqual({
      status: 429,
      retryAfter: '7',
      excerpt: 'slow down',
    });
    const { port: redirecting } = await serve((req, res) => {
      req.resume();
      res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    });
    expect((await send(request(redirecting))).status).toBe(302);
    expect(hits).toBe(1);
  });

  it('keeps the status of an answer whose body is too long to drain, and stays usable', async () => {
    const { port } = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
    });
    const send = transport();
    expect(await send(request(port))).toEqual({
      status: 200,
      retryAfter: null,
      excerpt: 'x'.repeat(16),
    });
    expect((await send(request(port))).status).toBe(200);
  });

  it('gives up after timeoutMs with ETIMEDOUT when the receiver never answers', async () => {
    const { port } = await serve(() => {
      // Never answers.
    });
    const started = performance.now();
    await expect(transport()(request(port, 150))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('times out a request still queued for a connection without ever sending it', async () => {
    let arrived = 0;
    const { port } = await serve(() => {
      arrived++; // and never answers
    });
    // One connection, taken by the first request: the second waits in undici's queue, and its
    // deadline passes long before the first one's frees the connection. (With equal deadlines
    // the queued one may legitimately go out just before its own timer fires.)
    const send = transport({ connections: 1 });
    const results = await Promise.allSettled([send(request(port, 500)), send(request(port, 100))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const result of results) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'ETIMEDOUT' });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The first one (if it got there before its timeout); never the queued one.
    expect(arrived).toBeLessThanOrEqual(1);
  });

  it('skips a 1xx informational answer and reports the final one', async () => {
    const { port } = await serve((req, res) => {
      req.resume();
      res.writeEarlyHints({ link: '</style.css>; rel=preload', 'retry-after': '99' }, () => {
        res.writeHead(201).end('created');
      });
    });
    expect(await transport()(request(port))).toEqual({
      status: 201,
      retryAfter: null,
      excerpt: 'created',
    });
  });

  it('rejects when nothing listens at the address', async () => {
    const { port } = await serve(() => {});
    await new Promise((resolve) => servers[0]!.close(resolve));
    await expect(transport()(request(port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
