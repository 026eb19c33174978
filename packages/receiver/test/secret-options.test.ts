import { generateEd25519KeyPair } from '@hookline/signature';
import { describe, expect, it } from 'vitest';
import { createReceiver, isReceiverError, type ReceiverOptions } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';

/** The error createReceiver() throws for these options (fails the test when it does not throw). */
function refusal(options: Omit<Partial<ReceiverOptions>, 'secret'> & { secret: unknown }): Error {
  try {
    createReceiver(options as unknown as ReceiverOptions);
  } catch (error) {
    return error as Error;
  }
  throw new Error('createReceiver() accepted the options');
}

describe('createReceiver() checks the secret at construction, with the signature rule', async () => {
  const { secretKey, publicKey } = await generateEd25519KeyPair();

  it.each([
    ['an empty string', ''],
    ['only whitespace', '   '],
    ['whsec_ with broken base64', 'whsec_!!'],
    ['a whsk_ signing key', secretKey],
    ['undefined (an unset environment variable)', undefined],
    ['null', null],
    ['an empty list', []],
    ['a rotation list with a blank entry', [SECRET, ' ']],
    ['a rotation list with a whsk_ entry', [SECRET, secretKey]],
  ])('refuses %s with ReceiverError invalid_options, saying how to fix it', (_label, secret) => {
    const error = refusal({ secret });
    expect(isReceiverError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_options', status: undefined });
    expect(error.message).toMatch(/non-empty `secret`/);
    expect(error.message).toContain('whsec_');
    expect(isReceiverError(error) && (error.cause as { code?: string }).code).toBe(
      'invalid_secret',
    );
    for (const value of [SECRET, SECRET.slice('whsec_'.length), secretKey.slice('whsk_'.length)]) {
      expect(error.message).not.toContain(value);
    }
  });

  it('names the right key for a whsk_ key: its whpk_ public key', () => {
    expect(refusal({ secret: secretKey }).message).toContain('whpk_');
  });

  it('refuses a blank secret for a provider scheme too, and names that scheme', () => {
    const error = refusal({ secret: '  ', scheme: 'github', parse: 'provider' });
    expect(error).toMatchObject({ code: 'invalid_options' });
    expect(error.message).toContain('GitHub');
    expect(error.message).toContain("webhook's secret");
  });

  it('refuses an unknown scheme as invalid_options', () => {
    const error = refusal({ secret: SECRET, scheme: 'svix' as never });
    expect(error).toMatchObject({ code: 'invalid_options' });
    expect(error.message).toContain('standard-webhooks');
  });

  it('accepts what verify accepts: whsec_, whpk_, a rotation list and provider text secrets', async () => {
    for (const secret of [SECRET, publicKey, [SECRET, publicKey]]) {
      expect(() => createReceiver({ secret })).not.toThrow();
    }
    expect(() =>
      createReceiver({ secret: 'shpss_app_secret', scheme: 'shopify', parse: 'provider' }),
    ).not.toThrow();
    // And a receiver built with a secret that passed the check verifies deliveries with it.
    const receiver = createReceiver({ secret: [publicKey, SECRET] });
    const response = await receiver.fetch(await signedRequest(exampleEvent('user.created', 1)));
    expect(response.status).toBe(200);
  });
});
