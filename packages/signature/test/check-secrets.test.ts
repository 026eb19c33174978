import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import { at, T0 } from './helpers.js';

const body = '{"id":"evt_1","event":"user.login","version":1}';
const schemes = ['standard-webhooks', 'stripe', 'github', 'authgear', 'shopify'] as const;
type Scheme = (typeof schemes)[number];

describe.each(builds)('checkSecrets — $name', ({ api }) => {
  const whsec = api.generateSecret();
  const pair = api.generateEd25519KeyPair();

  /** Verifies a delivery signed with a good secret, with `secret` as configured. */
  async function verifyWith(scheme: Scheme, secret: unknown): Promise<string> {
    const configured = secret as string;
    const attempt = async () => {
      switch (scheme) {
        case 'standard-webhooks': {
          const headers = await api.signWebhook({
            id: 'msg_c',
            timestamp: T0,
            payload: body,
            secret: whsec,
          });
          return api.verifyWebhook(body, headers, configured, at(T0));
        }
        case 'stripe': {
          const headers = await api.stripe.sign({ payload: body, secret: whsec, timestamp: T0 });
          return api.stripe.verify(body, headers, configured, at(T0));
        }
        default: {
          const headers = await api[scheme].sign({ payload: body, secret: whsec });
          return api[scheme].verify(body, headers, configured);
        }
      }
    };
    try {
      await attempt();
      return 'ok';
    } catch (error) {
      return api.isWebhookVerificationError(error) ? error.code : String(error);
    }
  }

  const check = (scheme: Scheme, secret: unknown): string => {
    try {
      api.checkSecrets(scheme, secret);
      return 'ok';
    } catch (error) {
      return api.isWebhookVerificationError(error) ? error.code : String(error);
    }
  };

  it('accepts what verify accepts and refuses what verify refuses as invalid_secret (one rule)', async () => {
    const { publicKey, secretKey } = await pair;
    const inputs: [string, unknown][] = [
      ['a whsec_ secret', whsec],
      ['bare base64', whsec.slice('whsec_'.length)],
      ['a whpk_ public key', publicKey],
      ['a rotation list', [whsec, publicKey]],
      ['a plain text secret', 'shopify-shared-secret'],
      ['an empty string', ''],
      ['only whitespace', '   '],
      ['whsec_ with broken base64', 'whsec_!!'],
      ['whsec_ with nothing after it', 'whsec_'],
      ['a whsk_ secret key', secretKey],
      ['a short whpk_ key', 'whpk_AAAA'],
      ['undefined', undefined],
      ['null', null],
      ['a number', 42],
      ['an empty list', []],
      ['a list with a blank entry', [whsec, ' ']],
      ['a list with a whsk_ entry', [whsec, secretKey]],
    ];
    const outcomes: string[] = [];
    for (const scheme of schemes) {
      for (const [label, secret] of inputs) {
        const verified = await verifyWith(scheme, secret);
        const expected = verified === 'invalid_secret' ? 'invalid_secret' : 'ok';
        expect(check(scheme, secret), `${scheme}: ${label} (verify: ${verified})`).toBe(expected);
        outcomes.push(`${scheme}:${expected}`);
      }
    }
    // The table exercises both outcomes for every scheme.
    for (const scheme of schemes) {
      expect(outcomes).toContain(`${scheme}:ok`);
      expect(outcomes).toContain(`${scheme}:invalid_secret`);
    }
  });

  it.each([
    ['   ', /blank/],
    ['whsec_!!', /not valid base64/],
    [undefined, /undefined, not a string/],
    [[], /empty list/],
  ])(
    'refuses %j for standard-webhooks with a message that says how to fix it',
    (secret, message) => {
      expect(() => api.checkSecrets('standard-webhooks', secret)).toThrow(message);
      expect(check('standard-webhooks', secret)).toBe('invalid_secret');
    },
  );

  it('refuses an Ed25519 key as a provider secret: a public key as HMAC key lets anyone sign', async () => {
    const { publicKey, secretKey } = await pair;
    for (const scheme of ['stripe', 'github', 'authgear', 'shopify'] as const) {
      for (const key of [publicKey, secretKey]) {
        expect(check(scheme, key), `${scheme}`).toBe('invalid_secret');
        expect(() => api.checkSecrets(scheme, key)).not.toThrow(key.slice(5, 20));
      }
    }
    // A forgery made with the public key (which anyone has) is refused, not verified.
    const forged = `sha256=${createHmac('sha256', publicKey).update(body).digest('hex')}`;
    expect(await verifyWith('github', publicKey)).toBe('invalid_secret');
    await expect(
      Promise.resolve().then(() =>
        api.github.verify(body, { 'x-hub-signature-256': forged }, publicKey),
      ),
    ).rejects.toThrow(/Ed25519 key/);
  });

  it('names no secret for an unknown scheme (arguments the wrong way round) and knows no inherited names', () => {
    for (const scheme of [whsec, 'constructor', 'toString', '__proto__']) {
      let caught: unknown;
      try {
        api.checkSecrets(scheme as never, 'x');
      } catch (error) {
        caught = error;
      }
      expect(caught, scheme).toMatchObject({ code: 'invalid_options' });
      expect((caught as Error).message).not.toContain(whsec.slice('whsec_'.length, 20));
    }
  });

  it('never echoes what it got for the scheme, even a lowercase word (a GitHub secret passed first)', () => {
    for (const value of ['mygithubwebhooksecret', 'shopify-shared-secret', 'svix', 'Stripe']) {
      let caught: unknown;
      try {
        api.checkSecrets(value as never, 'github');
      } catch (error) {
        caught = error;
      }
      expect(caught, value).toMatchObject({ code: 'invalid_options' });
      const message = (caught as Error).message;
      expect(message, value).not.toContain(value);
      expect(message).toMatch(/first argument .*swapped/);
      for (const scheme of schemes) expect(message).toContain(scheme);
    }
  });

  it('refuses a list with holes (new Array(2)) like one with blank entries', () => {
    expect(check('standard-webhooks', new Array(2))).toBe('invalid_secret');
    expect(check('standard-webhooks', Object.assign(new Array(2), { 1: whsec }))).toBe(
      'invalid_secret',
    );
  });

  it('refuses a whsk_ signing key for verifying and names the whpk_ key to use instead', async () => {
    const { secretKey } = await pair;
    let caught: unknown;
    try {
      api.checkSecrets('standard-webhooks', [whsec, secretKey]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      name: 'WebhookVerificationError',
      code: 'invalid_secret',
      status: 500,
      message: expect.stringContaining('whpk_'),
    });
    const message = (caught as Error).message;
    expect(message).toContain('secret #2 of 2');
    expect(message).not.toContain(secretKey.slice('whsk_'.length));
    expect(message).not.toContain(whsec.slice('whsec_'.length));
  });

  it('returns the secrets as a list, unchanged', () => {
    expect(api.checkSecrets('standard-webhooks', whsec)).toEqual([whsec]);
    expect(api.checkSecrets('github', ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('refuses an unknown scheme with invalid_options', () => {
    expect(() => api.checkSecrets('svix' as never, whsec)).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        message: expect.stringContaining('standard-webhooks'),
      }),
    );
  });
});
