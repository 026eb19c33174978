import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it, body bytes included. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a route answers. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A fault the next request gets instead of the route's answer. */
export type Fault =
  | ({ kind: 'answer' } & Answer)
  /** Destroy the socket before answering (ECONNRESET on the client). */
  | { kind: 'reset' }
  /** Answer normally after `ms`. */
  | { kind: 'delay'; ms: number }
  /** Send the status line and headers, then hold the body for `ms`. */
  | { kind: 'slow-body'; ms: number }
  /** Send the headers (`request-id: req_cut`) and part of the body, then destroy the socket. */
  | { kind: 'cut-body'; status?: number };

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Consumed one per request, in order, before the route answers. */
  faults: Fault[];
  close(): Promise<void>;
}

function write(res: ServerResponse, answer: Answer) {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.body !== undefined) {
    payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    headers['content-type'] ??=
      answer.status >= 400 ? 'application/problem+json' : 'application/json';
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** Starts a real node:http server on 127.0.0.1, port 0, answering with `route`. */
export async function startLoopbackServer(
  route: (request: RecordedRequest) => Answer | Promise<Answer>,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const fault = faults.shift();
    if (fault?.kind === 'reset') return req.socket.destroy();
    if (fault?.kind === 'answer') return write(res, fault);
    if (fault?.kind === 'cut-body') {
      res.writeHead(fault.status ?? 200, {
        'content-type': 'application/json',
        'content-length': '100',
        'request-id': 'req_cut',
      });
      // Destroy only once the partial body has been handed to the socket.
      res.write('{"id":', () => res.destroy());
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const answer = await route(recorded);
    if (fault?.kind === 'slow-body') {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.write('{');
      await new Promise((r) => setTimeout(r, fault.ms));
      if (!res.destroyed) res.end(`${JSON.stringify(answer.body ?? {}).slice(1)}`);
      return;
    }
    if (!res.destroyed) write(res, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
