import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as web from '../src/index.js';
import * as node from '../src/node/index.js';

const secret = web.generateSecret();

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// A real receiver on a loopback port: Node's raw Buffer body and IncomingHttpHeaders go
// straight into the verifier, and the response carries the verdict.
const server = createServer(async (request, response) => {
  const body = await readBody(request);
  const useWeb = request.url === '/web';
  const result = useWeb
    ? await web.safeVerifyWebhook(body, request.headers, secret)
    : node.safeVerifyWebhookSync(body, request.headers, secret);
  if (result.ok) {
    response.writeHead(204, { 'x-verified-id': result.webhook.id }).end();
  } else {
    response
      .writeHead(result.error.status, { 'content-type': 'text/plain' })
      .end(result.error.code);
  }
});
let base = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(['/web', '/node'])('a signed POST over real HTTP (%s verifier)', (path) => {
  const payload = JSON.stringify({ id: 'evt_http', event: 'user.login', note: 'héllo' });

  it('is accepted with 2xx', async () => {
    const headers = await web.signWebhook({ id: 'msg_http', payload, secret });
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      body: payload,
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('x-verified-id')).toBe('msg_http');
  });

  it('is refused with 401 no_matching_signature when the body was altered in transit', async () => {
    const headers = await web.signWebhook({ id: 'msg_http', payload, secret });
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      body: payload.replace('login', 'logout'),
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect([response.status, await response.text()]).toEqual([401, 'no_matching_signature']);
  });

  it('is refused with 401 missing_header when unsigned', async () => {
    const response = await fetch(`${base}${path}`, { method: 'POST', body: payload });
    expect([response.status, await response.text()]).toEqual([401, 'missing_header']);
  });
});
