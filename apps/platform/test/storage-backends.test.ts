import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { verifyWebhook } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  postgresBackend,
  type RawDatabase,
  sqliteBackend,
} from './support/backends.js';
import { eventually, type Json, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

const backends: Backend[] = [sqliteBackend, postgresBackend()];

describe.each(backends)('on $name', (backend) => {
  let platform: TestPlatform;
  let stopped = false;
  let raw: RawDatabase;
  let sink: WebhookSink;
  let database: string;
  let secret: string;

  beforeAll(async () => {
    const url = await backend.newDatabase();
    platform = await startTestPlatform(url === undefined ? {} : { database: url });
    database = url ?? platform.databasePath;
    raw = backend.open(database);
    sink = await startWebhookSink();
    const endpoint = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: sink.url, enabled_events: ['*'] },
    });
    secret = endpoint.body.secret;
  }, 120_000);
  afterAll(async () => {
    if (!stopped) await platform?.stop();
    await raw?.close();
    await sink?.close();
    await backend.stop();
  });

  it('a created user is stored, logged as an event and delivered signed from the outbox', async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'first@example.com', password: 'long enough' },
    });
    expect(user.status).toBe(201);
    const hook = await eventually(() => sink.ofType('user.created')[0], 'user.created delivery');
    const event = JSON.parse(
      (await verifyWebhook(hook.body, hook.headers as Record<string, string>, secret)).payload,
    );
    expect(event.resource_id).toBe(user.body.id);
    expect(await raw.count('platform_users')).toBe(1);
    expect(await raw.count('platform_events')).toBe(1);
    expect(await raw.count('hookline_events', `id = '${event.id}'`)).toBe(1);
  });

  it('when the outbox write fails after the user row was written, neither the user nor any event exists', async () => {
    await raw.exec(backend.failInserts('hookline_events'));
    try {
      const users = await raw.count('platform_users');
      const events = await raw.count('platform_events');
      const outbox = await raw.count('hookline_events');
      const failed = await platform.api<Json>('POST', '/v1/users', {
        body: { email: 'never@example.com', password: 'long enough' },
      });
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('internal_error');
      expect(await raw.count('platform_users')).toBe(users);
      expect(await raw.count('platform_users', "email = 'never@example.com'")).toBe(0);
      expect(await raw.count('platform_events')).toBe(events);
      expect(await raw.count('hookline_events')).toBe(outbox);
      const listed = await platform.api<Json>('GET', '/v1/users?email=never@example.com');
      expect(listed.body.data).toEqual([]);
    } finally {
      await raw.exec(
        backend.name === 'sqlite'
          ? 'DROP TRIGGER fail_hookline_events'
          : 'DROP TRIGGER fail_hookline_events ON hookline_events; DROP FUNCTION fail_hookline_events()',
      );
    }
    const retried = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'never@example.com', password: 'long enough' },
    });
    expect(retried.status).toBe(201);
  });

  it('when a resource write after an emitted event fails, the payment, the checkout change and every event roll back', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: {
        amount: 1200,
        currency: 'USD',
        customer_email: 'buyer@example.com',
        success_url: 'https://shop.example.com/ok',
      },
    });
    const events = await raw.count('platform_events');
    const outbox = await raw.count('hookline_events');
    // checkout.completed is emitted after payment.succeeded and the payment row: fail the last
    // event's platform-log insert (it runs after everything else was written).
    await raw.exec(
      backend.name === 'sqlite'
        ? "CREATE TRIGGER fail_completed BEFORE INSERT ON platform_events WHEN NEW.type = 'checkout.completed' BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
        : `CREATE FUNCTION fail_completed() RETURNS trigger AS $$ BEGIN IF NEW.type = 'checkout.completed' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
           CREATE TRIGGER fail_completed BEFORE INSERT ON platform_events FOR EACH ROW EXECUTE FUNCTION fail_completed();`,
    );
    try {
      const paid = await platform.api<Json>(
        'POST',
        `/v1/checkout/sessions/${checkout.body.id}/pay`,
        {
          body: { card: { number: '4242424242424242', exp_month: 1, exp_year: 2030, cvc: '123' } },
        },
      );
      expect(paid.status).toBe(500);
      expect(
        await raw.count('platform_payments', `checkout_session_id = '${checkout.body.id}'`),
      ).toBe(0);
      expect(await raw.count('platform_events')).toBe(events);
      expect(await raw.count('hookline_events')).toBe(outbox);
      const after = await platform.api<Json>('GET', `/v1/checkout/sessions/${checkout.body.id}`);
      expect(after.body).toMatchObject({ status: 'open', payment_id: null });
    } finally {
      await raw.exec(
        backend.name === 'sqlite'
          ? 'DROP TRIGGER fail_completed'
          : 'DROP TRIGGER fail_completed ON platform_events; DROP FUNCTION fail_completed()',
      );
    }
  });

  it('events created concurrently are listed in commit order, and paging by cursor sees each exactly once', async () => {
    const before = await platform.api<Json>('GET', '/v1/events?limit=100');
    let cursor: string | undefined = before.body.next_cursor ?? undefined;
    const seen: string[] = [];
    const writes = Array.from({ length: 20 }, (_, i) =>
      platform.api('POST', '/v1/users', {
        body: { email: `concurrent${i}@example.com`, password: 'long enough' },
      }),
    );
    // Poll while the writes run, as a catch-up reader would.
    const reader = (async () => {
      for (let round = 0; round < 400 && seen.length < 20; round++) {
        const page = await platform.api<Json>(
          'GET',
          `/v1/events?limit=3&type=user.created${cursor ? `&starting_after=${cursor}` : ''}`,
        );
        for (const event of page.body.data) seen.push(event.id);
        if (page.body.next_cursor) cursor = page.body.next_cursor;
        if (!page.body.has_more) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const results = await Promise.all(writes);
    expect(results.every((r) => r.status === 201)).toBe(true);
    await reader;
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect([...seen].sort()).toEqual(seen);
  });

  it('a test event reaches only its endpoint, and a delivery can be retried by hand', async () => {
    const other = await startWebhookSink();
    try {
      await platform.api('POST', '/v1/webhook_endpoints', {
        body: { url: other.url, enabled_events: ['*'] },
      });
      const endpoints = await platform.api<Json>('GET', '/v1/webhook_endpoints');
      const first = endpoints.body.data[0];
      const test = await platform.api<Json>('POST', `/v1/webhook_endpoints/${first.id}/test`, {
        body: { event: 'payment.failed' },
      });
      expect(test.status).toBe(202);
      await eventually(() => sink.ofType('payment.failed')[0], 'the test delivery');
      const succeeded = await eventually(async () => {
        const delivery = await platform.api<Json>('GET', `/v1/deliveries/${test.body.id}`);
        return delivery.body.status === 'succeeded' ? delivery.body : undefined;
      }, 'the test delivery to succeed');
      expect(other.ofType('payment.failed')).toHaveLength(0);
      const retried = await platform.api<Json>('POST', `/v1/deliveries/${succeeded.id}/retry`);
      expect(retried.status).toBe(202);
      await eventually(
        () => (sink.ofType('payment.failed').length === 2 ? true : undefined),
        'the retried delivery',
      );
      expect(new Set(sink.ofType('payment.failed').map((h) => h.headers['webhook-id'])).size).toBe(
        1,
      );
    } finally {
      await other.close();
    }
  });

  it('emails are unique and log in whatever their case; a database already holding two cases of one email still starts', async () => {
    const created = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'Case@Example.com', password: 'long enough' },
    });
    expect(created.status).toBe(201);
    const taken = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'case@example.COM', password: 'long enough' },
    });
    expect(taken.status).toBe(409);
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'CASE@EXAMPLE.COM', password: 'long enough' },
    });
    expect(login.status).toBe(201);
    expect(login.body.user_id).toBe(created.body.id);

    // A database written before emails were compared without case may hold both.
    await raw.exec('DROP INDEX platform_users_email_ci');
    await raw.exec(
      "INSERT INTO platform_users (id, email, password_hash, name, email_verified, customer_id, created_at, metadata) VALUES ('usr_legacy', 'case@example.com', 'x', NULL, 0, 'cus_legacy', '2020-01-01T00:00:00Z', '{}')",
    );
    const second = await startTestPlatform({ database });
    try {
      const exact = await second.api<Json>('POST', '/v1/sessions', {
        body: { email: 'Case@Example.com', password: 'long enough' },
      });
      expect(exact.body.user_id).toBe(created.body.id);
      const third = await second.api<Json>('POST', '/v1/users', {
        body: { email: 'CASE@example.com', password: 'long enough' },
      });
      expect(third.status).toBe(409);
    } finally {
      await second.stop();
    }
  });

  it('state and idempotency keys survive a restart on the same database', async () => {
    const body = { email: 'durable@example.com', password: 'long enough' };
    const first = await platform.api<Json>('POST', '/v1/users', {
      body,
      headers: { 'idempotency-key': 'restart-key' },
    });
    await platform.stop({ keepFiles: true });
    const again = await startTestPlatform({ database });
    try {
      const replay = await again.api<Json>('POST', '/v1/users', {
        body,
        headers: { 'idempotency-key': 'restart-key' },
      });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect((await again.api<Json>('GET', `/v1/users/${first.body.id}`)).body).toEqual(first.body);
    } finally {
      await again.stop();
      if (backend.name === 'sqlite') await rm(dirname(database), { recursive: true, force: true });
      stopped = true;
    }
  });
});
