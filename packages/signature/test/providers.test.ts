import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import { githubDocsExample, stripeSdkExample } from './fixtures/provider-examples.js';
import { at, T0 } from './helpers.js';

const body = '{"action":"opened","number":1}';

// An independent reference (node:crypto directly, not our code) for the schemes whose public
// docs give a rule rather than a vector.
const hmac = (secret: string, data: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', secret).update(data).digest(encoding);

describe.each(builds)('providers — $name', ({ api }) => {
  describe('stripe', () => {
    const { secret, timestamp, payload, header } = stripeSdkExample;

    it('verifies a header made by the Stripe SDK, using the whsec_ secret as text', async () => {
      await expect(
        api.stripe.verify(payload, { 'Stripe-Signature': header }, secret, at(timestamp)),
      ).resolves.toEqual({ timestamp, payload });
    });

    it('signs exactly what the Stripe SDK signs', async () => {
      await expect(api.stripe.sign({ payload, secret, timestamp })).resolves.toEqual({
        'stripe-signature': header,
      });
    });

    it('emits one v1 per secret and verifies with any of them (rotation)', async () => {
      const headers = await api.stripe.sign({
        payload: body,
        secret: ['whsec_old', 'whsec_new'],
        timestamp: T0,
      });
      expect(headers['stripe-signature']).toMatch(/^t=1700000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      await expect(api.stripe.verify(body, headers, 'whsec_new', at(T0))).resolves.toBeDefined();
      await expect(
        api.stripe.verify(body, headers, ['whsec_x', 'whsec_old'], at(T0)),
      ).resolves.toBeDefined();
      await expect(api.stripe.verify(body, headers, 'whsec_x', at(T0))).rejects.toMatchObject({
        code: 'no_matching_signature',
        status: 401,
      });
    });

    it('ignores v0 and unknown entries but needs a v1', async () => {
      const { 'stripe-signature': signed } = await api.stripe.sign({
        payload: body,
        secret: 'whsec_a',
        timestamp: T0,
      });
      const withV0 = `${signed},v0=${'ab'.repeat(32)},x=1`;
      await expect(
        api.stripe.verify(body, { 'stripe-signature': withV0 }, 'whsec_a', at(T0)),
      ).resolves.toBeDefined();
      await expect(
        api.stripe.verify(
          body,
          { 'stripe-signature': `t=${T0},v0=${'ab'.repeat(32)}` },
          'whsec_a',
          at(T0),
        ),
      ).rejects.toMatchObject({ code: 'no_matching_signature' });
    });

    it('applies the 300 s tolerance both ways with the injected clock', async () => {
      const headers = await api.stripe.sign({ payload: body, secret: 'whsec_a', timestamp: T0 });
      await expect(
        api.stripe.verify(body, headers, 'whsec_a', at(T0 + 300)),
      ).resolves.toBeDefined();
      await expect(api.stripe.verify(body, headers, 'whsec_a', at(T0 + 301))).rejects.toMatchObject(
        {
          code: 'timestamp_too_old',
        },
      );
      await expect(api.stripe.verify(body, headers, 'whsec_a', at(T0 - 301))).rejects.toMatchObject(
        {
          code: 'timestamp_too_new',
        },
      );
    });

    it('refuses malformed headers with precise codes', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{}, 'missing_header'],
        [{ 'stripe-signature': `v1=${'ab'.repeat(32)}` }, 'invalid_signature_header'],
        [
          { 'stripe-signature': `t=${T0},t=${T0},v1=${'ab'.repeat(32)}` },
          'invalid_signature_header',
        ],
        [{ 'stripe-signature': `t=1e9,v1=${'ab'.repeat(32)}` }, 'invalid_timestamp'],
      ];
      for (const [headers, code] of cases) {
        await expect(api.stripe.verify(body, headers, 'whsec_a', at(T0))).rejects.toMatchObject({
          code,
        });
      }
    });
  });

  describe('github', () => {
    it("reproduces GitHub's published example", async () => {
      const { secret, payload, signature } = githubDocsExample;
      await expect(api.github.sign({ payload, secret })).resolves.toEqual({
        'x-hub-signature-256': signature,
      });
      await expect(
        api.github.verify(payload, { 'X-Hub-Signature-256': signature }, secret),
      ).resolves.toEqual({ payload, deliveryId: undefined, event: undefined });
    });

    it('returns the delivery id and event from their headers', async () => {
      const headers = new Headers({
        ...(await api.github.sign({ payload: body, secret: 's3cret' })),
        'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        'X-GitHub-Event': 'issues',
      });
      await expect(api.github.verify(body, headers, 's3cret')).resolves.toEqual({
        payload: body,
        deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        event: 'issues',
      });
    });

    it('refuses a wrong secret, a missing header and the SHA-1 form', async () => {
      const headers = await api.github.sign({ payload: body, secret: 's3cret' });
      await expect(api.github.verify(body, headers, 'other')).rejects.toMatchObject({
        code: 'no_matching_signature',
      });
      await expect(api.github.verify(body, {}, 's3cret')).rejects.toMatchObject({
        code: 'missing_header',
      });
      await expect(
        api.github.verify(body, { 'x-hub-signature-256': `sha1=${'a'.repeat(40)}` }, 's3cret'),
      ).rejects.toMatchObject({ code: 'invalid_signature_header', status: 400 });
    });
  });

  describe('authgear', () => {
    it('signs and verifies the hex HMAC-SHA256 of the body keyed by the secret text', async () => {
      const secret = 'authgear-webhook-secret';
      const expected = hmac(secret, body, 'hex');
      await expect(api.authgear.sign({ payload: body, secret })).resolves.toEqual({
        'x-authgear-body-signature': expected,
      });
      await expect(
        api.authgear.verify(body, { 'X-Authgear-Body-Signature': expected.toUpperCase() }, secret),
      ).resolves.toEqual({ payload: body });
      await expect(
        api.authgear.verify(`${body} `, { 'x-authgear-body-signature': expected }, secret),
      ).rejects.toMatchObject({ code: 'no_matching_signature' });
    });
  });

  describe('shopify', () => {
    it('signs and verifies the base64 HMAC-SHA256 of the body keyed by the client secret text', async () => {
      const secret = 'shpss_0123456789abcdef';
      const expected = hmac(secret, body, 'base64');
      await expect(api.shopify.sign({ payload: body, secret })).resolves.toEqual({
        'x-shopify-hmac-sha256': expected,
      });
      const headers = {
        'X-Shopify-Hmac-Sha256': expected,
        'X-Shopify-Topic': 'orders/create',
        'X-Shopify-Shop-Domain': 'example.myshopify.com',
        'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        'X-Shopify-API-Version': '2024-07',
      };
      await expect(api.shopify.verify(Buffer.from(body), headers, [secret])).resolves.toEqual({
        payload: body,
        topic: 'orders/create',
        shopDomain: 'example.myshopify.com',
        webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        apiVersion: '2024-07',
        triggeredAt: undefined,
      });
      await expect(api.shopify.verify(body, headers, 'wrong')).rejects.toMatchObject({
        code: 'no_matching_signature',
      });
    });
  });

  it('every provider refuses a parsed body with payload_not_raw', async () => {
    for (const scheme of [api.stripe, api.github, api.authgear, api.shopify]) {
      const result = await scheme.safeVerify(JSON.parse(body), {}, 'secret');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('payload_not_raw');
    }
  });
});

describe('node sync variants of the providers', async () => {
  const node = await import('../src/node/index.js');

  it('verify and sign synchronously with the same results as the async forms', async () => {
    const { secret, timestamp, payload, header } = stripeSdkExample;
    expect(node.stripe.signSync({ payload, secret, timestamp })).toEqual({
      'stripe-signature': header,
    });
    expect(
      node.stripe.verifySync(payload, { 'stripe-signature': header }, secret, at(timestamp)),
    ).toEqual({
      timestamp,
      payload,
    });
    const gh = githubDocsExample;
    expect(node.github.signSync({ payload: gh.payload, secret: gh.secret })).toEqual(
      await node.github.sign({ payload: gh.payload, secret: gh.secret }),
    );
    const failed = node.shopify.safeVerifySync(
      body,
      { 'x-shopify-hmac-sha256': hmac('a', body, 'base64') },
      'b',
    );
    expect(failed.ok).toBe(false);
    expect(() => node.authgear.verifySync(body, {}, 'a')).toThrow(
      expect.objectContaining({ code: 'missing_header' }),
    );
  });
});

describe('mismatch advice', () => {
  it('points at surrounding whitespace in a text secret without quoting it', async () => {
    const { stripe, github } = builds[0].api;
    const headers = await stripe.sign({ payload: body, secret: 'whsec_trim_me', timestamp: T0 });
    const result = await stripe.safeVerify(body, headers, 'whsec_trim_me\n', at(T0));
    expect(result.ok ? '' : result.error.message).toContain('whitespace');
    expect(result.ok ? '' : result.error.message).not.toContain('whsec_trim_me');
    const gh = await github.safeVerify(
      body,
      await github.sign({ payload: body, secret: 'a' }),
      ' a',
    );
    expect(gh.ok ? '' : gh.error.message).toContain('whitespace');
  });
});
