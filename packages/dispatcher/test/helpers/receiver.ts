import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeVerifyWebhook } from '@hookline/signature';

/** One request the test receiver got. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  version: string | undefined;
  body: string;
  path: string;
  /** Whether the signature verified against the receiver's secrets at that moment. */
  verified: boolean;
}

export interface TestReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Secrets the receiver verifies with (mutable, for rotation tests). */
  secrets: string[];
  /** The receiver's clock for the timestamp tolerance check (tests with a manual clock set it). */
  now: () => number;
  /** Decides the answer; default 200 "ok". */
  respond: (req: Received, res: ServerResponse, count: number) => void;
  /** Resolves when `n` requests have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that verifies Standard Webhooks signatures. */
export async function startReceiver(secrets: string[] = []): Promise<TestReceiver> {
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const receiver: TestReceiver = {
    url: '',
    port: 0,
    received: [],
    secrets,
    now: () => Date.now(),
    respond: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
    waitFor(n, timeoutMs = 10_000) {
      if (receiver.received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`receiver got ${receiver.received.length} of ${n} requests`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const header = (req: IncomingMessage, name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const verified =
      receiver.secrets.length > 0 &&
      (await safeVerifyWebhook(body, req.headers, receiver.secrets, { now: receiver.now })).ok;
    const entry: Received = {
      id: header(req, 'webhook-id') ?? '',
      timestamp: header(req, 'webhook-timestamp') ?? '',
      signature: header(req, 'webhook-signature') ?? '',
      version: header(req, 'x-webhook-version'),
      body,
      path: req.url ?? '/',
      verified,
    };
    receiver.received.push(entry);
    receiver.respond(entry, res, receiver.received.length);
    for (const waiter of [...waiters]) {
      if (receiver.received.length >= waiter.n) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/webhooks`;
  return receiver;
}
