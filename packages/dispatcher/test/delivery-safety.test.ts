import { generateSecret } from '@hookline/signature';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  type Dispatcher,
  type DispatcherOptions,
  isDispatcherError,
  type Resolver,
  redactUrl,
} from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

describe('delivery target safety', () => {
  let receiver: TestReceiver;
  let dispatcher: Dispatcher;
  const make = (options: Partial<DispatcherOptions> = {}) => {
    dispatcher = createDispatcher({ store: createMemoryStore(), schedule: [0, 1000], ...options });
    return dispatcher;
  };
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver.close();
  });

  it('refuses plain http: endpoints unless allow.http', async () => {
    make({ allow: { loopback: true } });
    await expect(dispatcher.createEndpoint({ url: receiver.url })).rejects.toMatchObject({
      code: 'insecure_url',
      status: 400,
    });
    const result = await dispatcher.safeCreateEndpoint({ url: receiver.url });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('allow: { http: true }');
  });

  it('refuses loopback, private and link-local IP literals unless allowed', async () => {
    make({ allow: { http: true } });
    for (const url of [
      'http://127.0.0.1/hook',
      'http://[::1]/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const result = await dispatcher.safeCreateEndpoint({ url });
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error.code, url).toBe('address_not_allowed');
    }
    expect((await dispatcher.safeCreateEndpoint({ url: 'http://93.184.215.14/hook' })).ok).toBe(
      true,
    );
  });

  it('checks the resolved addresses at delivery time: a name resolving to loopback is refused and never contacted', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    make({ allow: { http: true }, resolve });
    await dispatcher.createEndpoint({ url: `http://hooks.example.test:${receiver.port}/webhooks` });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    expect(receiver.received).toEqual([]);
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery?.lastError).toMatch(
      /Refusing to deliver to loopback address 127\.0\.0\.1 \(hooks\.example\.test resolves to 127\.0\.0\.1\)/,
    );
  });

  it.each([
    {
      step: 'a custom transport',
      options: { transport: () => new Promise<never>(() => {}) },
      url: () => `${receiver.url}/webhooks`,
      error: /no response within 100 ms/,
    },
    {
      step: 'a custom fetch that ignores its abort signal',
      options: { fetch: (() => new Promise<never>(() => {})) as unknown as typeof fetch },
      url: () => `${receiver.url}/webhooks`,
      error: /no response within 100 ms/,
    },
    {
      step: 'a custom resolver',
      options: { resolve: (() => new Promise<never>(() => {})) as Resolver },
      url: () => `http://hooks.example.test:${receiver.port}/webhooks`,
      error: /Could not resolve hooks\.example\.test/,
    },
  ])(
    'fails the attempt when $step never settles, instead of holding a slot forever',
    async ({ options, url, error }) => {
      make({ allow: { loopback: true, http: true }, timeoutMs: 100, ...options });
      await dispatcher.createEndpoint({ url: url() });
      await dispatcher.publish(draftEvent('user.created'));
      expect(await dispatcher.processDue()).toBe(1);
      const [delivery] = await dispatcher.listDeliveries();
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
      expect(delivery?.lastError).toMatch(error);
    },
  );

  it('refuses a host when any of its addresses is disallowed', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    make({ allow: { http: true }, resolve });
    await dispatcher.createEndpoint({ url: 'http://mixed.example.test/webhooks' });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery?.lastError).toContain('private address 10.0.0.7');
  });

  it('connects to the checked address itself, so a later DNS answer cannot redirect the request', async () => {
    // The name does not exist in real DNS: the request can only arrive if the connection is
    // pinned to the address our resolver returned and the policy checked.
    let lookups = 0;
    const resolve: Resolver = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    make({ allow: { http: true, loopback: true }, resolve });
    await dispatcher.createEndpoint({ url: `http://pinned.invalid:${receiver.port}/webhooks` });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    expect(lookups).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery?.status).toBe('succeeded');
  });

  it.each([
    ['another IPv4 address', { address: '127.0.0.2', family: 4 as const }],
    ['an IPv6 address', { address: '::1', family: 6 as const }],
  ])(
    'falls back to the next checked address when %s the host resolves to first refuses the connection',
    async (_, unreachable) => {
      // Nothing listens on the first address (the receiver is on 127.0.0.1 only): a host
      // whose first record is dead (a stale A record, an AAAA without an IPv6 route) is still
      // reached on its other checked addresses, as a browser or curl would reach it.
      const resolve: Resolver = async () => [unreachable, { address: '127.0.0.1', family: 4 }];
      make({ allow: { http: true, loopback: true }, resolve });
      await dispatcher.createEndpoint({ url: `http://two.invalid:${receiver.port}/webhooks` });
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      const [delivery] = await dispatcher.listDeliveries();
      expect(delivery).toMatchObject({ status: 'succeeded', lastError: null });
      expect(receiver.received).toHaveLength(1);
    },
  );

  it('uses the system resolver by default (localhost resolves to loopback and is allowed only with allow.loopback)', async () => {
    make({ allow: { http: true } });
    await dispatcher.createEndpoint({ url: `http://localhost:${receiver.port}/webhooks` });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    expect(receiver.received).toEqual([]);
    expect((await dispatcher.listDeliveries())[0]?.lastError).toContain('loopback');
  });

  it('refuses URLs with credentials and non-http schemes', async () => {
    make({ allow: { http: true, loopback: true } });
    for (const url of ['http://user:pw@127.0.0.1/hook', 'ftp://127.0.0.1/hook', 'not a url']) {
      await expect(dispatcher.createEndpoint({ url })).rejects.toMatchObject({
        code: 'invalid_endpoint',
      });
    }
  });
});

describe('endpoint management', () => {
  it('creates the configured endpoints once and leaves later changes alone', async () => {
    const store = createMemoryStore();
    const seed = { id: 'ep_seeded', url: 'https://hooks.example.com/a', enabledEvents: ['user.*'] };
    const first = createDispatcher({ store, endpoints: [seed] });
    expect(await first.getEndpoint('ep_seeded')).toMatchObject({
      url: seed.url,
      enabledEvents: ['user.*'],
    });
    await first.updateEndpoint('ep_seeded', { url: 'https://hooks.example.com/b' });
    const second = createDispatcher({ store, endpoints: [seed] });
    expect((await second.listEndpoints()).map((e) => e.url)).toEqual([
      'https://hooks.example.com/b',
    ]);
  });

  it('validates filters, pinned versions and secrets, and reports unknown ids', async () => {
    const dispatcher = createDispatcher({ store: createMemoryStore() });
    const url = 'https://hooks.example.com/x';
    const bad = [
      { url, enabledEvents: [] },
      { url, enabledEvents: ['payment.**'] },
      // Only catalog events are published: a typo or an unknown resource would select nothing.
      { url, enabledEvents: ['payment.succeded'] },
      { url, enabledEvents: ['user.*', 'paymnt.*'] },
      { url, enabledEvents: ['payment.refund.*'] },
      { url, versions: { 'payment.succeeded': 3 } },
      { url, versions: { 'no.such': 1 } },
      { url, secret: 'hunter2' },
    ];
    for (const input of bad) {
      const result = await dispatcher.safeCreateEndpoint(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_endpoint');
    }
    const ep = await dispatcher.createEndpoint({ url, versions: { 'user.login': 1 } });
    expect(ep.secrets[0]?.secret).toMatch(/^whsec_/);
    expect(ep.ordered).toBe(false);
    await expect(
      dispatcher.updateEndpoint(ep.id, { versions: { 'user.login': 9 } }),
    ).rejects.toMatchObject({
      code: 'invalid_endpoint',
    });
    await expect(
      dispatcher.updateEndpoint(ep.id, { enabledEvents: ['user.logn'] }),
    ).rejects.toMatchObject({
      code: 'invalid_endpoint',
      message: expect.stringContaining('"user.logn" is not an event type of the catalog'),
    });
    expect(
      await dispatcher.updateEndpoint(ep.id, { ordered: true, description: 'orders' }),
    ).toMatchObject({
      ordered: true,
      description: 'orders',
    });
    await dispatcher.deleteEndpoint(ep.id);
    await expect(dispatcher.deleteEndpoint(ep.id)).rejects.toMatchObject({
      code: 'endpoint_not_found',
      status: 404,
    });
    await expect(dispatcher.rotateSecret('ep_nope')).rejects.toMatchObject({
      code: 'endpoint_not_found',
    });
  });
});

describe('publish validation', () => {
  const dispatcher = createDispatcher({ store: createMemoryStore() });

  it('fills in id, timestamp and the latest version', async () => {
    const { event } = await dispatcher.publish(draftEvent('payment.succeeded'));
    expect(event.id).toMatch(/^evt_[0-9A-Z]{26}$/);
    expect(event.version).toBe(2);
    expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
  });

  it('refuses an event that does not match its contract, with the reason', async () => {
    const bad = { ...draftEvent('payment.succeeded', 2), metadata: { amount: 'lots' } };
    const result = await dispatcher.safePublish(bad as never);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_event');
      expect(isDispatcherError(result.error)).toBe(true);
      expect(result.error.cause).toBeDefined();
    }
    await expect(
      dispatcher.publish({ event: 'no.such', resource_id: 'x', metadata: {} } as never),
    ).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });

  it('refuses an event over maxPayloadBytes', async () => {
    const draft = draftEvent('user.created') as { metadata: Record<string, unknown> };
    const small = createDispatcher({ store: createMemoryStore(), maxPayloadBytes: 1024 });
    expect((await small.safePublish(draft as never)).ok).toBe(true);
    const big = { ...draft, metadata: { ...draft.metadata, user_agent: 'x'.repeat(1000) } };
    const result = await small.safePublish(big as never);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect([result.error.code, result.error.status]).toEqual(['payload_too_large', 413]);
  });

  it('refuses a transaction handle on the memory store', async () => {
    const memory = createDispatcher<unknown>({ store: createMemoryStore() as never });
    await expect(memory.publish(draftEvent('user.created'), { tx: {} })).rejects.toMatchObject({
      code: 'transaction_unsupported',
    });
  });
});

describe('secrets stay out of logs', () => {
  it('shows a URL in logs without its query, fragment or path segments that look like tokens', () => {
    expect(redactUrl('https://hooks.example.com/webhooks/stripe')).toBe(
      'https://hooks.example.com/webhooks/stripe',
    );
    expect(redactUrl('https://hooks.example.com/in?token=abc#frag')).toBe(
      'https://hooks.example.com/in?…',
    );
    // Slack and Discord put the credential in the path.
    expect(
      redactUrl('https://hooks.slack.com/services/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'),
    ).toBe('https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/…');
    expect(
      redactUrl(
        'https://discord.com/api/webhooks/112233445566778899/AbCdEf-GhIjKl_MnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuv',
      ),
    ).toBe('https://discord.com/api/webhooks/112233445566778899/…');
    expect(
      redactUrl(
        'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage',
      ),
    ).toBe('https://api.telegram.org/…/sendMessage');
    expect(redactUrl('https://hooks.example.com/stripe-payments-production')).toBe(
      'https://hooks.example.com/stripe-payments-production',
    );
    expect(redactUrl('not a url')).toBe('(invalid URL)');
  });

  it('keeps a path token and a percent-encoded query out of an attempt’s error, and cuts it between characters', async () => {
    const errors: string[] = [];
    let message = (_url: URL) => '';
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      schedule: [0],
      logger: { info: (_m, fields) => errors.push(String(fields?.error)) },
      fetch: (async (url: URL) => {
        throw new Error(message(url));
      }) as typeof fetch,
    });
    try {
      const slack = await dispatcher.createEndpoint({
        url: 'http://127.0.0.1:9/services/T0AB12CD3/B0EF45GH6/x1Y2z3A4b5C6d7E8f9G0h1I2',
        secret: generateSecret(),
      });
      const query = await dispatcher.createEndpoint({
        url: 'http://127.0.0.1:9/in?token=tök_s3cr3t_42',
        secret: generateSecret(),
        enabledEvents: ['user.deleted'],
      });
      message = (url) => `request to ${url.href} failed; again: ${url.pathname} ${url.search}`;
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      message = () => `${'a'.repeat(999)}😀${'b'.repeat(50)}`;
      await dispatcher.publish(draftEvent('user.deleted'));
      await dispatcher.processDue();
      const logged = await Promise.all(
        [slack, query].map(async (ep) => {
          const [delivery] = await dispatcher.listDeliveries({ endpointId: ep.id });
          return (await dispatcher.listAttempts(delivery!.id)).map((a) => a.error!);
        }),
      );
      const all = [...errors, ...logged.flat()].join('\n');
      expect(all).toContain('request to http://127.0.0.1:9/services/T0AB12CD3/B0EF45GH6/… failed');
      for (const secret of ['x1Y2z3A4b5C6d7E8f9G0h1I2', 's3cr3t', 't%C3%B6k']) {
        expect(all).not.toContain(secret);
      }
      // Cut before the emoji, not inside it.
      const cut = logged[1]!.find((error) => error.startsWith('aaa'))!;
      expect(cut).toBe(`${'a'.repeat(999)}…`);
    } finally {
      await dispatcher.stop();
    }
  });

  it('keeps a URL query token out of the log, the events and the delivery log when a custom fetch quotes the URL in its error, and bounds the error', async () => {
    const lines: string[] = [];
    const capture = (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      schedule: [0],
      logger: { info: capture, warn: capture, error: capture },
      onOperationalEvent: (event) => lines.push(`op ${JSON.stringify(event)}`),
      // As node-fetch words it: the whole URL, query and all, then a long cause.
      fetch: (async (url: URL) => {
        throw new Error(
          `request to ${url.href} failed, reason: connect ECONNREFUSED (query ${url.search.slice(1)}) ${'x'.repeat(5000)}`,
        );
      }) as typeof fetch,
    });
    try {
      const ep = await dispatcher.createEndpoint({
        url: 'http://127.0.0.1:9/hook?token=tok_s3cr3t_42',
        secret: generateSecret(),
      });
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      const [delivery] = await dispatcher.listDeliveries({ endpointId: ep.id });
      const [attempt] = await dispatcher.listAttempts(delivery!.id);
      expect(attempt!.error).toContain('request to http://127.0.0.1:9/hook?… failed');
      expect(attempt!.error!.length).toBeLessThanOrEqual(1001);
      const all = [...lines, attempt!.error, delivery!.lastError].join('\n');
      expect(all).toContain('delivery.dead_lettered');
      expect(all).not.toContain('tok_s3cr3t_42');
    } finally {
      await dispatcher.stop();
    }
  });

  it('never passes a secret (or a URL query token) to the logger or operational events across create, rotate, deliver, fail and disable', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const receiver = await startReceiver();
    const secret = generateSecret();
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      schedule: [0, 0],
      logger: {
        debug: capture('debug'),
        info: capture('info'),
        warn: capture('warn'),
        error: capture('error'),
      },
      onOperationalEvent: (event) => lines.push(`op ${JSON.stringify(event)}`),
    });
    try {
      const ep = await dispatcher.createEndpoint({
        url: `${receiver.url}?token=tok_in_query_123`,
        secret,
      });
      const { secret: rotated } = await dispatcher.rotateSecret(ep.id);
      receiver.respond = (_req, res, count) =>
        res.writeHead(count === 1 ? 500 : count === 2 ? 200 : 410).end();
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      await expect(
        dispatcher.createEndpoint({ url: receiver.url, secret: 'whsec_' }),
      ).rejects.toSatisfy(
        (error: Error) =>
          !error.message.includes('whsec_') || error.message.includes('"whsec_" + base64'),
      );
      const all = lines.join('\n');
      expect(lines.length).toBeGreaterThan(5);
      expect(all).toContain('endpoint.disabled');
      expect(all).toContain(`127.0.0.1:${receiver.port}/webhooks?…`);
      for (const value of [secret, rotated, 'tok_in_query_123']) {
        expect(all).not.toContain(value);
        expect(all).not.toContain(value.slice('whsec_'.length));
      }
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });
});
