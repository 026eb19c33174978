import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '@hookline/dispatcher';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/db/schema.js';
import { openSqliteDatabase } from '../src/db/sqlite-database.js';
import { createApp } from '../src/http/create-app.js';
import { createIdempotencyKeys, type IdempotencyKeys } from '../src/http/idempotency-keys.js';
import type { OperationHandlers } from '../src/http/operation-types.js';
import { createWriter } from '../src/platform-context.js';
import {
  eventually,
  type Json,
  startTestPlatform,
  useTestPlatform,
} from './support/test-platform.js';

const platform = useTestPlatform();

describe('authentication and problem details', () => {
  it('a missing or wrong API key is a 401 problem+json with a stable code, never echoing the key', async () => {
    for (const key of [null, 'sk_test_not_the_key']) {
      const response = await platform.api<Json>('GET', '/v1/payments', { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="hookline"');
      expect(response.body).toMatchObject({
        type: 'https://hookline.dev/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        code: 'unauthorized',
        instance: '/v1/payments',
      });
      expect(response.body.request_id).toMatch(/^req_/);
      expect(JSON.stringify(response.body)).not.toContain('sk_test_not_the_key');
    }
  });

  it('an invalid body lists every invalid field with its path', async () => {
    const response = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'not an email', password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_request');
    expect(response.body.errors.map((e: Json) => e.path).sort()).toEqual([
      'body.email',
      'body.password',
    ]);
    const query = await platform.api<Json>('GET', '/v1/events?limit=0&type=nope.*');
    expect(query.body.errors.map((e: Json) => e.path).sort()).toEqual([
      'query.limit',
      'query.type',
    ]);
  });

  it('a checkout URL that is not http(s) is refused: the pay page links and redirects there', async () => {
    for (const [field, url] of [
      ['cancel_url', 'javascript:alert(document.domain)//'],
      ['success_url', 'data:text/html,<script>alert(1)</script>'],
    ]) {
      const response = await platform.api<Json>('POST', '/v1/checkout/sessions', {
        body: {
          amount: 2500,
          currency: 'USD',
          success_url: 'https://shop.example.com/thanks',
          [field as string]: url,
        },
      });
      expect(response.status, field).toBe(400);
      expect(response.body.errors).toEqual([
        { path: `body.${field}`, message: expect.stringContaining('http') },
      ]);
    }
  });

  it('metadata takes at most 50 keys, as the document says', async () => {
    const metadata = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const refused = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'meta51@example.com', password: 'long enough', metadata: metadata(51) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.metadata');
    const accepted = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'meta50@example.com', password: 'long enough', metadata: metadata(50) },
    });
    expect(accepted.status).toBe(201);
  });

  it('account default event versions are checked when set, not when an endpoint inherits them', async () => {
    const refused = await platform.api<Json>('PATCH', '/v1/account', {
      body: { default_event_versions: { 'user.created': 99 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.default_event_versions.user.created');
    const created = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: 'https://hooks.example.com/x', enabled_events: ['user.created'] },
    });
    expect(created.status).toBe(201);
  });

  it('a body with a lone surrogate escape is a 400 naming each place, without echoing the text', async () => {
    // JSON allows "\ud800" alone; stored as UTF-8 it would become U+FFFD while the event kept
    // the escape, so the resource and its event would disagree.
    const response = await platform.api<Json>('POST', '/v1/users', {
      body: {
        email: 'lone@example.com',
        password: 'secret\ud800word',
        name: 'Zo\udc00e',
        metadata: { 'k\ud83d': 'fine', plan: 'ok\ud83d' },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_request');
    expect(response.body.errors.map((e: Json) => e.path)).toEqual([
      'body.password',
      'body.name',
      'body.metadata',
      'body.metadata.plan',
    ]);
    expect(JSON.stringify(response.body)).not.toContain('secret');
    const listed = await platform.api<Json>('GET', '/v1/users?limit=100');
    expect(listed.body.data.map((u: Json) => u.email)).not.toContain('lone@example.com');
  });

  it('a body nested tens of thousands deep is a 400, not a stack overflow', async () => {
    const depth = 50_000;
    const response = await fetch(`${platform.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body: `{"email":"deep@example.com","password":"long enough","metadata":${'['.repeat(depth)}"\\ud800"${']'.repeat(depth)}}`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).code).toBe('invalid_request');
  });

  it('an unknown route is a 404 problem, a known path with another method a 405 with Allow', async () => {
    const unknown = await platform.api<Json>('GET', '/v1/nothing-here');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const method = await platform.api<Json>('PUT', '/v1/users');
    expect(method).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
    // Every GET route answers HEAD too (the headers of the GET, no body), so Allow says so.
    expect(method.headers.get('allow')).toBe('POST, GET, HEAD');
    const head = await fetch(`${platform.url}/v1/users`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${platform.apiKey}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/application\/json/);
    expect(await head.text()).toBe('');
  });

  it("a problem's instance is the path as sent, still percent-encoded (a URI reference), on 401, 404 and 405", async () => {
    const unauthorized = await platform.api<Json>('GET', '/v1/users/x%20y', { key: null });
    const unknown = await platform.api<Json>('GET', '/v1/no%20such%22thing');
    const method = await platform.api<Json>('PUT', '/v1/users/x%20y');
    expect([unauthorized, unknown, method].map((r) => [r.status, r.body.instance])).toEqual([
      [401, '/v1/users/x%20y'],
      [404, '/v1/no%20such%22thing'],
      [405, '/v1/users/x%20y'],
    ]);
    expect(method.headers.get('allow')).toBe('GET, DELETE, HEAD');
  });

  it("an unexpected error's 500 problem carries the path as sent, still percent-encoded", async () => {
    const app = createApp({
      handlers: {} as OperationHandlers,
      apiKeys: [],
      rateLimiter: null,
      idempotency: {} as IdempotencyKeys,
      now: () => 0,
      maxBodyBytes: 1024,
      clientIp: () => null,
      pages: (hono) => {
        hono.get('/broken/:name', () => {
          throw new Error('boom');
        });
      },
    });
    const response = await app.request('http://platform.test/broken/a%20b%22c');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'internal_error',
      instance: '/broken/a%20b%22c',
    });
  });

  it('a body over the size limit is a 413 payload_too_large', async () => {
    const response = await platform.api<Json>('POST', '/v1/users', {
      rawBody: JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(1_100_000) }),
    });
    expect(response).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('a chunked body (no Content-Length) is cut off at the limit with a 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${platform.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as Json).code).toBe('payload_too_large');
  });
});

describe('request bodies', () => {
  it('a POST or PATCH body that is not application/json is a 415 unsupported_media_type; charset is allowed', async () => {
    const body = JSON.stringify({ email: 'typed@example.com', password: 'long enough' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const response = await platform.api<Json>('POST', '/v1/users', {
        rawBody: body,
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    }
    const raw = await fetch(`${platform.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}` },
      body: new Blob([body]),
    });
    expect(raw.status).toBe(415);
    const patch = await platform.api<Json>('PATCH', '/v1/account', {
      rawBody: JSON.stringify({ name: 'Renamed' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(patch).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    const list = await platform.api<Json>('GET', '/v1/users?limit=100');
    expect(list.body.data.map((u: Json) => u.email)).not.toContain('typed@example.com');

    const charset = await platform.api<Json>('POST', '/v1/users', {
      rawBody: body,
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(charset.status).toBe(201);

    // A body the API would decode wrongly: compressed, or in another charset.
    for (const headers of [
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json; charset=latin1' },
    ]) {
      const refused = await platform.api<Json>('POST', '/v1/users', {
        rawBody: JSON.stringify({ email: 'coded@example.com', password: 'long enough' }),
        headers,
      });
      expect(refused, JSON.stringify(headers)).toMatchObject({
        status: 415,
        body: { code: 'unsupported_media_type' },
      });
    }
  });

  it('a body whose connection breaks mid-read is a 400 invalid_request, not a 500', async () => {
    const before = platform.responses.length;
    const socket = connect(platform.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /v1/users HTTP/1.1\r\nhost: 127.0.0.1\r\n' +
        `authorization: Bearer ${platform.apiKey}\r\ncontent-type: application/json\r\n` +
        'content-length: 500\r\n\r\n{"email": "cut@exa',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    const record = await eventually(
      () => platform.responses.slice(before).find((r) => r.path === '/v1/users'),
      'the response to the cut-off request',
    );
    expect(record.status).toBe(400);
    expect(JSON.parse(record.body)).toMatchObject({ code: 'invalid_request' });
    expect(platform.errors).toEqual([]);
  });
});

describe('rate limits', () => {
  it('every API response carries RateLimit-Limit, -Remaining and -Reset', async () => {
    const ok = await platform.api('GET', '/v1/account');
    const missing = await platform.api('GET', '/v1/users/usr_missing');
    const unauthorized = await platform.api('GET', '/v1/account', { key: null });
    const noRoute = await platform.api('GET', '/v1/no-such-route');
    const wrongMethod = await platform.api('PUT', '/v1/account');
    for (const response of [ok, missing, unauthorized, noRoute, wrongMethod]) {
      expect(response.headers.get('ratelimit-limit')).toBe('1000');
      expect(response.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
      expect(response.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
    }
  });

  it('a fixed window counts each request down from the limit and says when the window resets', async () => {
    const windowed = await startTestPlatform({
      rateLimit: { strategy: 'fixed-window', limit: 100, windowMs: 60_000 },
    });
    try {
      const remaining: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await windowed.api('GET', '/v1/account');
        remaining.push(Number(response.headers.get('ratelimit-remaining')));
        expect(Number(response.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
      }
      expect(remaining).toEqual([99, 98, 97]);
    } finally {
      await windowed.stop();
    }
  });

  it('a token bucket answers 429 with Retry-After once empty, and refills over the window', async () => {
    const limited = await startTestPlatform({ rateLimit: { limit: 2, windowMs: 2000 } });
    try {
      const first = await limited.api('GET', '/v1/account');
      const second = await limited.api('GET', '/v1/account');
      const third = await limited.api<Json>('GET', '/v1/account');
      expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
      expect(third.body.code).toBe('rate_limited');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(third.headers.get('ratelimit-remaining')).toBe('0');
      // One token comes back every windowMs / limit = 1 s.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await limited.api('GET', '/v1/account')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('rateLimit: false turns limiting off', async () => {
    const open = await startTestPlatform({ rateLimit: false });
    try {
      const response = await open.api('GET', '/v1/account');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    } finally {
      await open.stop();
    }
  });
});

describe('idempotency keys', () => {
  it('the same key and body replay the stored response without acting twice', async () => {
    const body = { email: 'idem@example.com', password: 'long enough' };
    const headers = { 'idempotency-key': 'key-replay' };
    const first = await platform.api<Json>('POST', '/v1/users', { body, headers });
    const second = await platform.api<Json>('POST', '/v1/users', { body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    const users = await platform.api<Json>('GET', '/v1/users?email=idem@example.com');
    expect(users.body.data).toHaveLength(1);
    const events = await platform.api<Json>(`GET`, `/v1/events?resource_id=${first.body.id}`);
    expect(events.body.data).toHaveLength(1);
  });

  it('the same key with another body or path is a 422 idempotency_key_reused', async () => {
    const headers = { 'idempotency-key': 'key-reused' };
    await platform.api('POST', '/v1/users', {
      body: { email: 'a1@example.com', password: 'long enough' },
      headers,
    });
    const otherBody = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'a2@example.com', password: 'long enough' },
      headers,
    });
    expect(otherBody).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    const otherPath = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { email: 'a1@example.com', password: 'long enough' },
      headers,
    });
    expect(otherPath.status).toBe(422);
  });

  it('a client error is stored too: the same request replays the same 400', async () => {
    const headers = { 'idempotency-key': 'key-400' };
    const body = { email: 'bad', password: 'long enough' };
    const first = await platform.api<Json>('POST', '/v1/users', { body, headers });
    const second = await platform.api<Json>('POST', '/v1/users', { body, headers });
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toBe('application/problem+json');
    expect(second.body).toEqual(first.body);
  });

  it('a second request while the first with the same key still runs is a 409 idempotency_key_in_use', async () => {
    // A costly password hash keeps the first request running long enough.
    const slow = await startTestPlatform({ passwordCost: 2 ** 16 });
    try {
      const request = () =>
        slow.api<Json>('POST', '/v1/users', {
          body: { email: 'slow@example.com', password: 'long enough' },
          headers: { 'idempotency-key': 'key-in-flight' },
        });
      const both = await Promise.all([request(), request()]);
      // Whichever arrived first ran; the other found the key in flight.
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(both.find((r) => r.status === 409)?.body.code).toBe('idempotency_key_in_use');
      // Worth retrying: the first request will finish and its response will be replayed.
      expect(both.find((r) => r.status === 409)?.headers.get('retry-after')).toBe('1');
      const third = await request();
      expect(third.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await slow.stop();
    }
  });
});

describe('409 answers', () => {
  it('a business-rule 409 conflict carries no Retry-After: sending it again cannot succeed', async () => {
    const body = { email: 'taken@example.com', password: 'long enough' };
    expect((await platform.api<Json>('POST', '/v1/users', { body })).status).toBe(201);
    const taken = await platform.api<Json>('POST', '/v1/users', {
      body,
      headers: { 'idempotency-key': 'key-taken' },
    });
    expect(taken).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(taken.headers.get('retry-after')).toBeNull();
    const replay = await platform.api<Json>('POST', '/v1/users', {
      body,
      headers: { 'idempotency-key': 'key-taken' },
    });
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('retry-after')).toBeNull();

    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'cancel-twice@example.com', password: 'long enough' },
    });
    const subscription = await platform.api<Json>('POST', '/v1/subscriptions', {
      body: {
        user_id: user.body.id,
        plan_id: 'plan_409',
        amount: 100,
        currency: 'USD',
        interval: 'month',
      },
    });
    const cancel = () =>
      platform.api<Json>('POST', `/v1/subscriptions/${subscription.body.id}/cancel`, {
        body: {},
      });
    expect((await cancel()).status).toBe(200);
    const again = await cancel();
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(again.headers.get('retry-after')).toBeNull();
  });
});

describe('idempotency keys stored with the action', () => {
  it("the response stored in the action's transaction is the one replayed, exactly", async () => {
    const headers = { 'idempotency-key': 'key-in-tx' };
    const body = { email: 'in-tx@example.com', password: 'long enough' };
    // Counts writes of the stored response: the action's transaction stores it once, and the
    // router must not store the same response again after it (a second commit for nothing).
    const audit = new Database(platform.databasePath);
    audit.exec(`CREATE TABLE response_writes (n INTEGER);
      CREATE TRIGGER count_response_writes AFTER UPDATE OF body ON platform_idempotency_keys
      BEGIN INSERT INTO response_writes VALUES (1); END`);
    audit.close();
    const first = await platform.api<Json>('POST', '/v1/users', { body, headers });
    expect(first.status).toBe(201);
    const db = new Database(platform.databasePath);
    let row: Json | undefined;
    let writes: Json | undefined;
    try {
      row = db
        .prepare(
          "SELECT state, status, body FROM platform_idempotency_keys WHERE idempotency_key = 'key-in-tx'",
        )
        .get() as Json | undefined;
      writes = db.prepare('SELECT count(*) AS n FROM response_writes').get() as Json | undefined;
    } finally {
      db.close();
    }
    expect(row).toMatchObject({ state: 'done', status: 201 });
    expect(writes?.n).toBe(1);
    expect(JSON.parse(row?.body)).toEqual(first.body);
    const replay = await platform.api<Json>('POST', '/v1/users', { body, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('a handler that stores nothing in a transaction has its response stored after it, and replayed', async () => {
    const headers = { 'idempotency-key': 'key-endpoint' };
    const body = { url: 'http://127.0.0.1:9/replayed', enabled_events: ['user.*'] };
    const first = await platform.api<Json>('POST', '/v1/webhook_endpoints', { body, headers });
    expect(first.status).toBe(201);
    const replay = await platform.api<Json>('POST', '/v1/webhook_endpoints', { body, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const listed = await platform.api<Json>('GET', '/v1/webhook_endpoints?limit=100');
    expect(listed.body.data.filter((e: Json) => e.url === body.url)).toHaveLength(1);
  });
});

describe('idempotency key retention', () => {
  it('keys older than 24 hours are deleted while the platform runs, without a restart', async () => {
    const pruned = await startTestPlatform({ idempotencyPruneIntervalMs: 50 });
    const db = new Database(pruned.databasePath);
    try {
      const send = (key: string, email: string) =>
        pruned.api<Json>('POST', '/v1/users', {
          body: { email, password: 'long enough' },
          headers: { 'idempotency-key': key },
        });
      expect((await send('key-old', 'old@example.com')).status).toBe(201);
      const fresh = await send('key-fresh', 'fresh@example.com');
      expect(fresh.status).toBe(201);
      const keys = () =>
        (
          db
            .prepare('SELECT idempotency_key FROM platform_idempotency_keys ORDER BY 1')
            .all() as Json[]
        ).map((r) => r.idempotency_key);
      expect(keys()).toEqual(['key-fresh', 'key-old']);
      // As if 25 hours had passed since key-old was used.
      db.prepare(
        "UPDATE platform_idempotency_keys SET created_at = ? WHERE idempotency_key = 'key-old'",
      ).run(new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString());
      await eventually(
        () => (keys().includes('key-old') ? undefined : true),
        'the expired key to be pruned',
        5_000,
      );
      expect(keys()).toEqual(['key-fresh']);
      const replay = await send('key-fresh', 'fresh@example.com');
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(fresh.body);
    } finally {
      db.close();
      await pruned.stop();
    }
  });
});

describe('idempotency keys across crashes', () => {
  it('a key left in flight by a request whose process died is taken over after a minute', async () => {
    const body = JSON.stringify({ email: 'orphan@example.com', password: 'long enough' });
    const fingerprint = createHash('sha256').update(`POST /v1/users\n${body}`).digest('base64');
    const scope = createHash('sha256').update(platform.apiKey).digest('hex').slice(0, 24);
    const db = new Database(platform.databasePath);
    const claim = (minutesAgo: number) =>
      db
        .prepare(
          "INSERT INTO platform_idempotency_keys (scope, idempotency_key, fingerprint, state, created_at) VALUES (?, ?, ?, 'in_flight', ?)",
        )
        .run(
          scope,
          `orphan-${minutesAgo}`,
          fingerprint,
          new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        );
    try {
      claim(0);
      claim(2);
    } finally {
      db.close();
    }
    const send = (key: string) =>
      platform.api<Json>('POST', '/v1/users', {
        rawBody: body,
        headers: { 'idempotency-key': key },
      });
    const inUse = await send('orphan-0');
    expect(inUse.body.code).toBe('idempotency_key_in_use');
    expect(inUse.headers.get('retry-after')).toBe('1');
    const taken = await send('orphan-2');
    expect(taken.status).toBe(201);
    const replay = await send('orphan-2');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(taken.body);
  });
});

describe('idempotency keys of slow requests', () => {
  it('a request still running when its key is taken over does not run twice: only one commits, and replays return that response', async () => {
    // A costly password hash keeps the first request running while the test makes its key
    // look abandoned (as if a minute had passed) and a retry takes it over.
    const slow = await startTestPlatform({ passwordCost: 2 ** 16 });
    try {
      const headers = { 'idempotency-key': 'key-slow' };
      const body = { email: 'slowpoke@example.com', password: 'long enough' };
      const first = slow.api<Json>('POST', '/v1/users', { body, headers });
      const db = new Database(slow.databasePath);
      try {
        await eventually(
          () =>
            db
              .prepare(
                "SELECT 1 AS found FROM platform_idempotency_keys WHERE idempotency_key = 'key-slow'",
              )
              .get() as Json | undefined,
          'the first request to claim its key',
        );
        const old = new Date(Date.now() - 2 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
        db.prepare(
          "UPDATE platform_idempotency_keys SET created_at = ? WHERE idempotency_key = 'key-slow' AND state = 'in_flight'",
        ).run(old);
      } finally {
        db.close();
      }
      const retry = slow.api<Json>('POST', '/v1/users', { body, headers });
      const responses = await Promise.all([first, retry]);
      const created = responses.filter((r) => r.status === 201);
      expect(created).toHaveLength(1);
      const other = responses.find((r) => r.status !== 201);
      expect(other?.body.code).toBe('idempotency_key_in_use');
      expect(other?.headers.get('retry-after')).toBe('1');
      const replay = await slow.api<Json>('POST', '/v1/users', { body, headers });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(created[0]?.body);
      const events = await slow.api<Json>('GET', '/v1/events?type=user.created&limit=100');
      expect(events.body.data).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});

describe('cursor pagination', () => {
  it('pages oldest first with has_more and next_cursor until the end, each object once', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const user = await platform.api<Json>('POST', '/v1/subscriptions', {
        body: await (async () => {
          const u = await platform.api<Json>('POST', '/v1/users', {
            body: { email: `page${i}@example.com`, password: 'long enough' },
          });
          return {
            user_id: u.body.id,
            plan_id: 'plan_page',
            amount: 100,
            currency: 'USD',
            interval: 'month',
          };
        })(),
      });
      created.push(user.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: { body: Json } = await platform.api<Json>(
        'GET',
        `/v1/subscriptions?limit=2${cursor ? `&starting_after=${cursor}` : ''}`,
      );
      pages++;
      seen.push(...page.body.data.map((s: Json) => s.id));
      expect(page.body.next_cursor).toBe(page.body.data.at(-1)?.id ?? null);
      if (!page.body.has_more) break;
      cursor = page.body.next_cursor;
    }
    expect(seen.filter((id) => created.includes(id))).toEqual(created);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(3);
    const empty = await platform.api<Json>(
      'GET',
      `/v1/subscriptions?starting_after=${seen.at(-1)}`,
    );
    expect(empty.body).toEqual({ data: [], has_more: false, next_cursor: null });
  });
});

describe('cursors of the wrong resource', () => {
  it("a starting_after that is not an id of the list's resource is a 400 naming query.starting_after", async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'cursor@example.com', password: 'long enough' },
    });
    for (const path of [
      '/v1/users',
      '/v1/sessions',
      '/v1/payments',
      '/v1/subscriptions',
      '/v1/events',
      '/v1/webhook_endpoints',
    ]) {
      for (const cursor of [path === '/v1/users' ? 'evt_01ABC' : user.body.id, 'nonsense']) {
        const response = await platform.api<Json>('GET', `${path}?starting_after=${cursor}`);
        expect(response.status, `${path} ${cursor}`).toBe(400);
        expect(response.body.code).toBe('invalid_request');
        expect(response.body.errors.map((e: Json) => e.path)).toEqual(['query.starting_after']);
        expect(response.body.errors[0].message).toContain(
          'pass the next_cursor of the previous page',
        );
      }
    }
    // An id of the right resource stays a place in the list, even once it is deleted.
    await platform.api('DELETE', `/v1/users/${user.body.id}`);
    const after = await platform.api<Json>('GET', `/v1/users?starting_after=${user.body.id}`);
    expect(after.status).toBe(200);
  });
});

describe('404 hints for malformed ids', () => {
  it('names only operations that exist', async () => {
    const checkout = await platform.api<Json>('GET', '/v1/checkout/sessions/not-an-id');
    expect(checkout.status).toBe(404);
    expect(checkout.body.detail).not.toContain('GET /v1/checkout/sessions.');
    expect(checkout.body.detail).toContain('POST /v1/checkout/sessions');
    const delivery = await platform.api<Json>('GET', '/v1/deliveries/not-an-id');
    expect(delivery.status).toBe(404);
    expect(delivery.body.detail).not.toContain('GET /v1/deliveries.');
    expect(delivery.body.detail).toContain('GET /v1/webhook_endpoints/{endpoint_id}/deliveries');
    const user = await platform.api<Json>('GET', '/v1/users/not-an-id');
    expect(user.body.detail).toContain('GET /v1/users');
    const retry = await platform.api<Json>('POST', '/v1/deliveries/not-an-id/retry');
    expect(retry.body.detail).toContain('GET /v1/webhook_endpoints/{endpoint_id}/deliveries');
  });
});

describe('a wrong password', () => {
  it('is a 401 invalid_credentials without WWW-Authenticate (the API key was fine), and is not replayed', async () => {
    await platform.api('POST', '/v1/users', {
      body: { email: 'pw@example.com', password: 'the right one' },
    });
    const headers = { 'idempotency-key': 'wrong-password-key' };
    const body = { email: 'pw@example.com', password: 'a wrong one' };
    const first = await platform.api<Json>('POST', '/v1/sessions', { body, headers });
    expect(first.status).toBe(401);
    expect(first.body.code).toBe('invalid_credentials');
    expect(first.headers.get('www-authenticate')).toBeNull();
    const second = await platform.api<Json>('POST', '/v1/sessions', { body, headers });
    expect(second.status).toBe(401);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.request_id).not.toBe(first.body.request_id);
  });
});

describe('an event that breaks its own contract', () => {
  it('is a 500 that does not invite a retry; the action rolls back and the key is released', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookline-invalid-event-'));
    const db = openSqliteDatabase(join(dir, 'platform.db'));
    const errors: unknown[] = [];
    try {
      await migrate(db);
      const dispatcher = createDispatcher<unknown>({ store: db.dispatcherStore });
      await dispatcher.ready();
      const write = createWriter(db, dispatcher, Date.now);
      const handlers = {
        createUser: () =>
          write(async (tx, emit) => {
            await tx.run(
              "INSERT INTO platform_users (id, email, password_hash, name, email_verified, customer_id, created_at, metadata) VALUES ('usr_1', 'x@example.com', 'h', NULL, 0, 'cus_1', '2026-01-01T00:00:00Z', '{}')",
            );
            // A domain label ending in "-" is no email to the event contract.
            await emit({
              event: 'user.created',
              resource_id: 'usr_1',
              metadata: {
                email: 'x@bad-.com',
                email_verified: false,
                name: null,
                source: 'admin',
                signup_method: 'password',
                oauth_provider: null,
                locale: null,
                ip_address: null,
                user_agent: null,
              },
            });
            return { id: 'usr_1' };
          }),
      } as unknown as OperationHandlers;
      const app = createApp({
        handlers,
        apiKeys: ['sk_test_key'],
        rateLimiter: null,
        idempotency: createIdempotencyKeys(db),
        now: Date.now,
        maxBodyBytes: 1024,
        clientIp: () => null,
        onError: (error) => errors.push(error),
      });
      const send = () =>
        app.request('http://platform.test/v1/users', {
          method: 'POST',
          headers: {
            authorization: 'Bearer sk_test_key',
            'content-type': 'application/json',
            'idempotency-key': 'invalid-event-key',
          },
          body: JSON.stringify({ email: 'x@example.com', password: 'long enough' }),
        });
      const response = await send();
      expect(response.status).toBe(500);
      expect(response.headers.get('retry-after')).toBeNull();
      const problem = (await response.json()) as Json;
      expect(problem.code).toBe('internal_error');
      expect(problem.detail).toContain('user.created');
      expect(problem.detail).not.toMatch(/retry it|safe to retry/i);
      expect(problem.detail).toMatch(/will fail the same way/);
      expect(errors).toHaveLength(1);
      expect(await db.get('SELECT id FROM platform_users')).toBeUndefined();
      expect(await db.get('SELECT id FROM platform_events')).toBeUndefined();
      expect(await db.get('SELECT state FROM platform_idempotency_keys')).toBeUndefined();
      // Not replayed: the same request runs (and fails) again.
      const again = await send();
      expect(again.status).toBe(500);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
