import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withoutQuery } from '../src/create-typed-client.js';
import { createTypedClient, type Logger, REDACTED, redactHeaders } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
});
afterEach(() => server.close());

function collectingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { lines, logger };
}

describe('credentials never reach the logger', () => {
  it('redacts the API key from every log line, across retries and failures', async () => {
    const { lines, logger } = collectingLogger();
    const apiKey = 'sk_test_SECRET_4f9a';
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      apiKey,
      logger,
      retry: { sleep: async () => {} },
    });
    server.faults.push({ kind: 'answer', status: 503 }, { kind: 'reset' }, { kind: 'reset' });
    await c.GET('/v1/payments').catch(() => {});
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(lines.map((l) => l.level)).toEqual([
      'debug',
      'debug',
      'warn',
      'debug',
      'warn',
      'debug',
      'error',
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(apiKey);
    expect(lines[0]?.fields.headers).toMatchObject({ authorization: REDACTED });
  });

  it('redacts tokens from the token provider too', async () => {
    const { lines, logger } = collectingLogger();
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      token: () => 'oauth_token_XYZ',
      logger,
    });
    await c.GET('/v1/payments');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('oauth_token_XYZ');
  });

  it('logs the request path without its query string', async () => {
    const { lines, logger } = collectingLogger();
    const c = createTypedClient<paths>({ baseUrl: server.url, apiKey: 'sk_test_q', logger });
    await c.GET('/v1/payments', { params: { query: { limit: 2, starting_after: 'pay_private' } } });
    expect(server.requests[0]?.url).toContain('starting_after=pay_private');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('pay_private');
    expect(lines[0]?.fields.url).toBe(`${server.url}/v1/payments`);
  });

  it('redactHeaders replaces credential headers whatever their case', () => {
    expect(
      redactHeaders({ Authorization: 'Bearer x', cookie: 'a=b', 'X-Api-Key': 'k', accept: 'a' }),
    ).toEqual({ Authorization: REDACTED, cookie: REDACTED, 'X-Api-Key': REDACTED, accept: 'a' });
  });

  it('withoutQuery drops the query, the fragment and any user:password@ from a URL it logs', () => {
    expect(withoutQuery('http://user:s3cr3t@127.0.0.1:4010/v1/x?q=1#f')).toBe(
      'http://127.0.0.1:4010/v1/x',
    );
    expect(withoutQuery('https://tok@api.example/v1/x')).toBe('https://api.example/v1/x');
    expect(withoutQuery('http://127.0.0.1/v1/a@b?c=d')).toBe('http://127.0.0.1/v1/a@b');
    expect(withoutQuery('/v1/x?q=a@b')).toBe('/v1/x');
  });
});
