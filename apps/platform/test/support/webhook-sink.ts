import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real receiving server on a free loopback port: records every POST and answers with the
 * status `respond` returns (200 by default).
 */
export async function startWebhookSink(
  respond: (hook: ReceivedWebhook) => number = () => 200,
  /** Wait this long before answering (an attempt stays in flight meanwhile). */
  delayMs = 0,
) {
  const received: ReceivedWebhook[] = [];
  let answer = respond;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hook = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      const reply = () =>
        response.writeHead(answer(hook), { 'content-type': 'text/plain' }).end('ok');
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    /** Changes how later requests are answered. */
    respondWith(next: (hook: ReceivedWebhook) => number) {
      answer = next;
    },
    /** The received webhooks whose body has `event` as its type. */
    ofType(event: string) {
      return received.filter(
        (hook) => (JSON.parse(hook.body) as { event: string }).event === event,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A running sink (see {@link startWebhookSink}). */
export type WebhookSink = Awaited<ReturnType<typeof startWebhookSink>>;
