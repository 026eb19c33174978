import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { authgear, github, shopify, stripe } from '@hookline/signature';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createReceiver,
  type HandlerContext,
  type ProviderEvent,
  type ReceiverOptions,
} from '../src/index.js';
import { createNodeHandler } from '../src/node/index.js';
import { exampleEvent } from './support/events.js';
import { readmeBlockingHook } from './support/readme-blocking-hook.js';
import { close, listen } from './support/servers.js';
import { SECRET, signedHeaders } from './support/sign.js';

const STRIPE_SECRET = 'whsec_test_5f3b1c9e2a7d4f6b8c0e1a3d5f7b9c2e';
const GITHUB_SECRET = 'github-webhook-secret-4d8e2a';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const stripeEvent = fixture('stripe-payment-intent-succeeded.json');
const githubIssueOpened = fixture('github-issues-opened.json');
const githubPing = fixture('github-ping.json');

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(20);
  return body.error.code;
}

/** A delivery the way Stripe sends it: the event JSON, signed with Stripe-Signature. */
async function stripeRequest(url: string, body: string, secret = STRIPE_SECRET) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      ...(await stripe.sign({ payload: body, secret })),
    },
    body,
  });
}

/** A delivery the way GitHub sends it: payload body, event and delivery id in headers. */
async function githubRequest(
  body: string,
  headers: { event?: string; delivery?: string } = {},
  secret = GITHUB_SECRET,
) {
  const extra: Record<string, string> = {};
  if (headers.event !== undefined) extra['x-github-event'] = headers.event;
  if (headers.delivery !== undefined) extra['x-github-delivery'] = headers.delivery;
  return new Request('http://receiver.test/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-hook-id': '123456789',
      ...extra,
      ...(await github.sign({ payload: body, secret })),
    },
    body,
  });
}

describe('Stripe events through a real node:http server (parse: provider)', () => {
  const servers: Array<ReturnType<typeof createServer>> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  const serve = async (options: Partial<ReceiverOptions> = {}) => {
    const receiver = createReceiver({
      secret: STRIPE_SECRET,
      scheme: 'stripe',
      parse: 'provider',
      ...options,
    });
    const server = createServer(createNodeHandler(receiver));
    servers.push(server);
    return { receiver, url: `${await listen(server)}/webhooks/stripe` };
  };

  it('stores a signed Stripe event under its evt_ id, runs the handler for its type once, and dedupes a redelivery', async () => {
    const { receiver, url } = await serve();
    const seen: Array<{ event: ProviderEvent; context: HandlerContext }> = [];
    const other: string[] = [];
    receiver.onProvider('payment_intent.succeeded', (event, context) => {
      seen.push({ event, context });
    });
    receiver.onProvider('payment_intent.payment_failed', (event) => {
      other.push(event.id);
    });

    const first = await stripeRequest(url, stripeEvent);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    expect(await receiver.inspect('evt_3QhZk2LkdIwHu7ix0Xq1bN4c')).toMatchObject({
      status: 'pending',
      event: 'payment_intent.succeeded',
      version: 0,
      payload: stripeEvent,
      source: 'push',
    });

    // Stripe retries with a fresh timestamp and signature; the event id stays.
    const retry = await stripeRequest(url, stripeEvent);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ received: true, duplicate: true });

    expect(await receiver.drain()).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.event).toEqual({
      id: 'evt_3QhZk2LkdIwHu7ix0Xq1bN4c',
      type: 'payment_intent.succeeded',
      payload: JSON.parse(stripeEvent),
    });
    expect(seen[0]?.context).toMatchObject({ id: 'evt_3QhZk2LkdIwHu7ix0Xq1bN4c', attempt: 1 });
    expect(other).toEqual([]);
    expect(await receiver.drain()).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('answers 400 missing_provider_id / missing_provider_type for a signed event without them, and stores nothing', async () => {
    const { receiver, url } = await serve();
    const { id: _id, ...withoutId } = JSON.parse(stripeEvent) as Record<string, unknown>;
    const noId = await stripeRequest(url, JSON.stringify(withoutId));
    expect(noId.status).toBe(400);
    expect(await errorCode(noId)).toBe('missing_provider_id');

    const { type: _type, ...withoutType } = JSON.parse(stripeEvent) as Record<string, unknown>;
    const noType = await stripeRequest(url, JSON.stringify(withoutType));
    expect(noType.status).toBe(400);
    expect(await errorCode(noType)).toBe('missing_provider_type');

    const notJson = await stripeRequest(url, '{"id":"evt_1",');
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe('invalid_json');

    expect(await receiver.inspect('evt_3QhZk2LkdIwHu7ix0Xq1bN4c')).toBeUndefined();
    expect(await receiver.drain()).toBe(0);
  });

  it("answers a Stripe event sent to a Hookline-envelope receiver (default parse) with 400 naming parse: 'provider'", async () => {
    const { receiver, url } = await serve({ parse: 'hookline' });
    const response = await stripeRequest(url, stripeEvent);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_envelope');
    expect(error.message).toContain("parse: 'provider'");
    expect(await receiver.inspect('evt_3QhZk2LkdIwHu7ix0Xq1bN4c')).toBeUndefined();
  });

  it('still checks the signature first: a Stripe event signed with another secret gets 401', async () => {
    const { receiver, url } = await serve();
    const forged = await stripeRequest(url, stripeEvent, 'whsec_someone_elses_secret_123456');
    expect(forged.status).toBe(401);
    expect(await errorCode(forged)).toBe('no_matching_signature');
    expect(await receiver.inspect('evt_3QhZk2LkdIwHu7ix0Xq1bN4c')).toBeUndefined();
  });

  it('retries a failing handler with the stored payload, then dead-letters it with the provider body', async () => {
    const { receiver, url } = await serve({
      retry: { attempts: 2, initialDelayMs: 0, jitter: false },
    });
    const payloads: unknown[] = [];
    receiver.onProvider('payment_intent.succeeded', (event) => {
      payloads.push(event.payload);
      throw new Error('ledger unavailable');
    });
    const errors: Array<ProviderEvent | undefined> = [];
    receiver.onError((_error, info) => {
      if (info.stage === 'handler') errors.push(info.providerEvent);
    });
    expect((await stripeRequest(url, stripeEvent)).status).toBe(200);
    await receiver.drain();
    expect(payloads).toEqual([JSON.parse(stripeEvent), JSON.parse(stripeEvent)]);
    expect(errors.map((event) => event?.type)).toEqual([
      'payment_intent.succeeded',
      'payment_intent.succeeded',
    ]);
    const [dead] = await receiver.deadLetters();
    expect(dead).toMatchObject({
      id: 'evt_3QhZk2LkdIwHu7ix0Xq1bN4c',
      event: 'payment_intent.succeeded',
      payload: stripeEvent,
      attempts: 2,
      error: { message: 'ledger unavailable' },
    });
  });
});

describe('GitHub deliveries (parse: provider)', () => {
  const receiverFor = (options: Partial<ReceiverOptions> = {}) =>
    createReceiver({ secret: GITHUB_SECRET, scheme: 'github', parse: 'provider', ...options });

  it('types a delivery as `<X-GitHub-Event>.<action>` and runs exact, family and * handlers in that order', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    const calls: string[] = [];
    receiver.onProvider('*', (event) => {
      calls.push(`*:${event.type}`);
    });
    receiver.onProvider('issues', (event) => {
      calls.push(`issues:${event.type}`);
    });
    receiver.onProvider('issues.opened', (event) => {
      calls.push(`issues.opened:${(event.payload as { issue: { number: number } }).issue.number}`);
    });
    receiver.onProvider('issues.closed', () => {
      calls.push('issues.closed');
    });
    const response = await receiver.fetch(
      await githubRequest(githubIssueOpened, {
        event: 'issues',
        delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      }),
    );
    expect(response.status).toBe(200);
    expect(calls).toEqual(['issues.opened:1347', 'issues:issues.opened', '*:issues.opened']);
    expect(await receiver.inspect('72d3162e-cc78-11e3-81ab-4c9367dc0958')).toMatchObject({
      event: 'issues.opened',
      status: 'done',
    });
  });

  it('uses the bare event name when the payload has no action (ping)', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    const types: string[] = [];
    receiver.onProvider('ping', (event) => {
      types.push(event.type);
      return { pong: true };
    });
    const response = await receiver.fetch(
      await githubRequest(githubPing, {
        event: 'ping',
        delivery: '0b989ba4-242f-11e5-81e1-c7b6a4b5f9a8',
      }),
    );
    expect(await response.json()).toEqual({ pong: true });
    expect(types).toEqual(['ping']);
  });

  it('dedupes redeliveries by X-GitHub-Delivery (sync mode replays the stored answer)', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let runs = 0;
    receiver.onProvider('issues.opened', () => {
      runs += 1;
      return { handled: runs };
    });
    const headers = { event: 'issues', delivery: 'a1b2c3d4-0000-11e5-9c3a-1f2e3d4c5b6a' };
    const first = await receiver.fetch(await githubRequest(githubIssueOpened, headers));
    expect(await first.json()).toEqual({ handled: 1 });
    const again = await receiver.fetch(await githubRequest(githubIssueOpened, headers));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-hookline-duplicate')).toBe('true');
    expect(await again.json()).toEqual({ handled: 1 });
    const otherDelivery = await receiver.fetch(
      await githubRequest(githubIssueOpened, { ...headers, delivery: 'a1b2c3d4-0001' }),
    );
    expect(await otherDelivery.json()).toEqual({ handled: 2 });
    expect(runs).toBe(2);
  });

  it('answers 400 missing_provider_id without X-GitHub-Delivery and missing_provider_type without X-GitHub-Event', async () => {
    const receiver = receiverFor();
    const noDelivery = await receiver.fetch(
      await githubRequest(githubIssueOpened, { event: 'issues' }),
    );
    expect(noDelivery.status).toBe(400);
    const noDeliveryBody = (await noDelivery.json()) as {
      error: { code: string; message: string };
    };
    expect(noDeliveryBody.error.code).toBe('missing_provider_id');
    expect(noDeliveryBody.error.message).toContain('X-GitHub-Delivery');

    const noEvent = await receiver.fetch(
      await githubRequest(githubIssueOpened, { delivery: 'f00d-0001' }),
    );
    expect(noEvent.status).toBe(400);
    const noEventBody = (await noEvent.json()) as { error: { code: string; message: string } };
    expect(noEventBody.error.code).toBe('missing_provider_type');
    expect(noEventBody.error.message).toContain('X-GitHub-Event');
    expect(await receiver.inspect('f00d-0001')).toBeUndefined();
  });

  it('leaves typed Hookline handlers alone: a GitHub payload never reaches on()/onAny()', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    const hookline: string[] = [];
    receiver.onAny((event) => {
      hookline.push(event.id);
    });
    const provider: string[] = [];
    receiver.onProvider('*', (event) => {
      provider.push(event.id);
    });
    await receiver.fetch(
      await githubRequest(githubIssueOpened, { event: 'issues', delivery: 'd-1' }),
    );
    expect(provider).toEqual(['d-1']);
    expect(hookline).toEqual([]);
  });
});

describe('other providers and custom formats', () => {
  it('reads Shopify deliveries from X-Shopify-Webhook-Id / X-Shopify-Topic', async () => {
    const receiver = createReceiver({
      secret: 'shpss_app_secret_1234',
      scheme: 'shopify',
      parse: 'provider',
      mode: 'sync',
    });
    const seen: ProviderEvent[] = [];
    receiver.onProvider('orders/create', (event) => {
      seen.push(event);
    });
    const body = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com' });
    const request = async (webhookId?: string) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        ...(await shopify.sign({ payload: body, secret: 'shpss_app_secret_1234' })),
      };
      if (webhookId) headers['x-shopify-webhook-id'] = webhookId;
      return new Request('http://receiver.test/shopify', { method: 'POST', headers, body });
    };
    expect(
      (await receiver.fetch(await request('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'))).status,
    ).toBe(200);
    expect(seen).toEqual([
      {
        id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        type: 'orders/create',
        payload: JSON.parse(body),
      },
    ]);
    const missing = await receiver.fetch(await request());
    expect(await errorCode(missing)).toBe('missing_provider_id');
  });

  it('reads Authgear events from the body id and type', async () => {
    const secret = 'authgear-secret-9a8b7c';
    const receiver = createReceiver({
      secret,
      scheme: 'authgear',
      parse: 'provider',
      mode: 'sync',
    });
    receiver.onProvider('user.pre_create', (event) => {
      const email = (
        event.payload as { payload: { user: { standard_attributes: { email: string } } } }
      ).payload.user.standard_attributes.email;
      return { is_allowed: !email.endsWith('@blocked.example') };
    });
    const body = JSON.stringify({
      id: '0E1E9537-DF4F-4AF6-8B48-3DB4574D4F24',
      seq: 435,
      type: 'user.pre_create',
      payload: { user: { standard_attributes: { email: 'eve@blocked.example' } } },
      context: { timestamp: 1736937600 },
    });
    const response = await receiver.fetch(
      new Request('http://receiver.test/authgear', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await authgear.sign({ payload: body, secret })),
        },
        body,
      }),
    );
    expect(await response.json()).toEqual({ is_allowed: false });
  });

  it("the README's sync example answers real Authgear user.pre_create blocking events with Authgear's answer shape", async () => {
    const region = readFileSync(
      new URL('./support/readme-blocking-hook.ts', import.meta.url),
      'utf8',
    )
      .split('// #region readme-sync-example\n')[1]
      ?.split('  // #endregion')[0];
    expect(region).toContain("onProvider('user.pre_create'");
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(region);
    const secret = 'authgear-secret-9a8b7c';
    const hooks = readmeBlockingHook(secret);
    const preCreate = async (id: string, email: string) => {
      const body = JSON.stringify({
        id,
        seq: 436,
        type: 'user.pre_create',
        payload: { user: { id: 'u1', standard_attributes: { email } } },
        context: { timestamp: 1736937600, user_id: 'u1', triggered_by: 'user' },
      });
      const response = await hooks.fetch(
        new Request('http://receiver.test/authgear', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(await authgear.sign({ payload: body, secret })),
          },
          body,
        }),
      );
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(await preCreate('7A1B2C3D-0001', 'eve@blocked.example')).toEqual({
      is_allowed: false,
      title: 'Sign-up blocked',
      reason: 'This email domain is not allowed.',
    });
    expect(await preCreate('7A1B2C3D-0002', 'ann@example.com')).toEqual({ is_allowed: true });
  });

  it('reads the signed id of a sender that uses only the svix-* header names (Clerk, Resend), in both formats', async () => {
    const svix = async (text: string, id: string) => {
      const signed = await signedHeaders(text, { id });
      return new Request('http://receiver.test/svix', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'svix-id': signed['webhook-id']!,
          'svix-timestamp': signed['webhook-timestamp']!,
          'svix-signature': signed['webhook-signature']!,
        },
        body: text,
      });
    };
    // parse: 'provider' over Standard Webhooks: the id is the signed svix-id.
    const provider = createReceiver({ secret: SECRET, mode: 'sync', parse: 'provider' });
    const seen: string[] = [];
    provider.onProvider('user.created', (event) => {
      seen.push(event.id);
    });
    const clerk = JSON.stringify({ type: 'user.created', data: { id: 'user_1' } });
    expect((await provider.fetch(await svix(clerk, 'msg_svix_1'))).status).toBe(200);
    expect(seen).toEqual(['msg_svix_1']);
    // A Hookline envelope without its own id takes the signed svix-id too.
    const hookline = createReceiver({ secret: SECRET, mode: 'sync' });
    const ids: string[] = [];
    hookline.onAny((event) => {
      ids.push(event.id);
    });
    const { id: _id, ...envelope } = exampleEvent('user.created', 1);
    const response = await hookline.fetch(await svix(JSON.stringify(envelope), 'msg_svix_2'));
    expect(response.status).toBe(200);
    expect(ids).toEqual(['msg_svix_2']);
  });

  it('takes a parse function for other formats (a Svix-style sender over Standard Webhooks)', async () => {
    const receiver = createReceiver({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      mode: 'sync',
      parse: (body, headers) => ({
        id: headers.get('webhook-id') ?? undefined,
        type: (body as { type?: string }).type,
      }),
    });
    const seen: string[] = [];
    receiver.onProvider('user.created', (event) => {
      seen.push(`${event.id} ${(event.payload as { data: { id: string } }).data.id}`);
    });
    const body = JSON.stringify({
      type: 'user.created',
      object: 'event',
      data: { id: 'user_29w83sxmDNGwOuEthce5gg56FcC' },
    });
    const send = async (type: boolean) => {
      const text = type ? body : JSON.stringify({ data: {} });
      return receiver.fetch(
        new Request('http://receiver.test/clerk', {
          method: 'POST',
          headers: await signedHeaders(text, { id: 'msg_2ZxY9w8v7u6t' }),
          body: text,
        }),
      );
    };
    expect((await send(true)).status).toBe(200);
    expect(seen).toEqual(['msg_2ZxY9w8v7u6t user_29w83sxmDNGwOuEthce5gg56FcC']);
    const untyped = await send(false);
    expect(untyped.status).toBe(400);
    expect(await errorCode(untyped)).toBe('missing_provider_type');
  });

  it('keeps catch-up on Hookline envelopes in a provider receiver', async () => {
    const receiver = createReceiver({ secret: STRIPE_SECRET, scheme: 'stripe', parse: 'provider' });
    const typed: string[] = [];
    receiver.on('user.created', (event) => {
      typed.push(event.id);
    });
    const event = exampleEvent('user.created', 1);
    expect(await receiver.catchUp([event])).toEqual({
      new: 1,
      duplicate: 0,
      invalid: 0,
      failed: 0,
      lastHandled: event.id,
    });
    await receiver.drain();
    expect(typed).toEqual([event.id]);
  });
});
