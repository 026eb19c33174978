import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTypedClient, HooklineApiError, unwrap } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
});
afterEach(() => server.close());

const noWait = { sleep: async () => {} };
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('credentials that cannot be sent', () => {
  it.each([
    ['an API key read with its newline', { apiKey: 'sk_test_s3cretkey\n' }],
    ['a token provider that returns a line break', { token: async () => 'tok_s3cret\r\nx' }],
  ])(
    '%s: invalid_request at once, never retried, the key nowhere in the error',
    async (_case, auth) => {
      const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait, ...auth });
      const error = await caught(c.GET('/v1/payments'));
      expect(error).toBeInstanceOf(HooklineApiError);
      expect(error).toMatchObject({ code: 'invalid_request' });
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain('s3cret');
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('headers fetch cannot send', () => {
  it.each([
    ['an API key with a typographic quote (above U+00FF)', { apiKey: 'sk_test_s3cret\u2019key' }],
    ['a token with a character above U+00FF', { token: () => 'tok_s3cret\u2603' }],
    ['a default header value above U+00FF', { headers: { 'x-note': 's3cret\u20ac' } }],
    ['an invalid header name', { headers: { 'x trace': 's3cret' } }],
  ])(
    '%s: invalid_request at once, never retried, the value nowhere in the error',
    async (_case, opts) => {
      const attempts: string[] = [];
      const waits: number[] = [];
      const c = createTypedClient<paths>({
        baseUrl: server.url,
        retry: { sleep: async (ms) => void waits.push(ms) },
        onError: (error) => attempts.push(error.code),
        ...opts,
      });
      const error = await caught(c.GET('/v1/payments'));
      expect(error).toBeInstanceOf(HooklineApiError);
      expect(error).toMatchObject({ code: 'invalid_request' });
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain('s3cret');
      expect(attempts).toEqual([]);
      expect(waits).toEqual([]);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('names the header, and the character problem, without quoting the value', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url, apiKey: 'sk_test_\u2019abc' });
    const error = await caught(c.GET('/v1/payments'));
    expect((error as Error).message).toMatch(/authorization header .*U\+00FF/);
    const named = createTypedClient<paths>({ baseUrl: server.url, headers: { 'x trace': '1' } });
    expect(((await caught(named.GET('/v1/payments'))) as Error).message).toContain('"x trace"');
  });
});

describe('a baseUrl with credentials (user:password@)', () => {
  it('is refused by createTypedClient with invalid_request, never quoting the URL', () => {
    let error: unknown;
    try {
      createTypedClient<paths>({ baseUrl: 'http://user:s3cr3tpass@127.0.0.1:9' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain('s3cr3t');
  });

  it('set by onRequest is refused the same way before anything is sent or logged', async () => {
    const logged: string[] = [];
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      onRequest: (req) => {
        req.url = req.url.replace('http://', 'http://user:s3cr3tpass@');
      },
      logger: { debug: (m, f) => logged.push(m, JSON.stringify(f)) },
    });
    const error = await caught(c.GET('/v1/payments'));
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain('s3cr3t');
    expect(logged.join('\n')).not.toContain('s3cr3t');
    expect(server.requests).toHaveLength(0);
  });
});

describe('bodies that are not what they claim', () => {
  it('a 2xx whose body is not JSON (a captive portal, a proxy page) is invalid_response, not data', async () => {
    server.faults.push({
      kind: 'answer',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>Sign in to the Wi-Fi</html>',
    });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    expect(await caught(c.GET('/v1/payments'))).toMatchObject({ code: 'invalid_response' });
  });

  it('an error status whose body is broken still comes back as a result (the result form never throws for a status)', async () => {
    server.faults.push({
      kind: 'answer',
      status: 502,
      headers: { 'content-type': 'application/json' },
      body: '<html>Bad gateway</html>',
    });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const result = await c.GET('/v1/payments', { maxRetries: 0 });
    expect(result).toMatchObject({
      ok: false,
      status: 502,
      error: { status: 502, detail: '<html>Bad gateway</html>' },
    });
  });

  it('an error body the validator refuses (a gateway’s own JSON) is still a result', async () => {
    server.faults.push({
      kind: 'answer',
      status: 504,
      headers: { 'content-type': 'application/json' },
      body: { message: 'upstream timed out' },
    });
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      validateResponses: ({ status, body }) => {
        if (status >= 400 && !(body as { type?: unknown }).type) throw new Error('not a problem');
        return body;
      },
    });
    const result = await c.GET('/v1/payments', { maxRetries: 0 });
    expect(result).toMatchObject({ ok: false, status: 504 });
  });

  it('a problem whose code is not a string does not become the error code', async () => {
    server.faults.push({
      kind: 'answer',
      status: 400,
      body: { type: 'about:blank', title: 'Bad', status: 400, code: 42 },
    });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    expect(await caught(unwrap(c.GET('/v1/payments')))).toMatchObject({ code: 'http_error' });
  });

  it('a body that cannot be serialised (a BigInt) is invalid_request, not a TypeError', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const error = await caught(c.POST('/v1/payments', { body: { amount: 10n } as never }));
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the caller’s abort', () => {
  it('is honoured while the token provider is still working', async () => {
    const controller = new AbortController();
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      token: () => new Promise<string>(() => {}),
    });
    const pending = caught(c.GET('/v1/payments', { signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
  });

  it('a timeout too long for a timer means no timeout, not an instant one', async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    server.faults.push({ kind: 'delay', ms: 50 });
    expect((await c.GET('/v1/payments', { maxRetries: 0 })).status).toBe(200);
  });
});
