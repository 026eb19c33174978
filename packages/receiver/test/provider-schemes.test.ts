import { authgear, generateEd25519KeyPair, github, shopify, stripe } from '@hookline/signature';
import { describe, expect, it } from 'vitest';
import { createReceiver, type VerificationScheme } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';

const PROVIDER_SECRET = 'provider-secret-7f3a9c2e';

type Signer = (body: string, secret: string) => Promise<Record<string, string>>;

const signers: Record<Exclude<VerificationScheme, 'standard-webhooks'>, Signer> = {
  stripe: (payload, secret) => stripe.sign({ payload, secret }),
  github: (payload, secret) => github.sign({ payload, secret }),
  authgear: (payload, secret) => authgear.sign({ payload, secret }),
  shopify: (payload, secret) => shopify.sign({ payload, secret }),
};

describe.each(Object.entries(signers))('the %s scheme', (scheme, sign) => {
  const post = async (body: string, secret: string) => {
    const receiver = createReceiver({
      secret: PROVIDER_SECRET,
      scheme: scheme as VerificationScheme,
      mode: 'sync',
    });
    const seen: string[] = [];
    receiver.onAny((event) => {
      seen.push(event.id);
    });
    const response = await receiver.fetch(
      new Request('http://x/hooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await sign(body, secret)) },
        body,
      }),
    );
    return { response, seen };
  };

  it('accepts a Hookline envelope signed with that provider scheme', async () => {
    const event = exampleEvent('user.created', 1);
    const { response, seen } = await post(JSON.stringify(event), PROVIDER_SECRET);
    expect(response.status).toBe(200);
    expect(seen).toEqual([event.id]);
  });

  it('answers 401 no_matching_signature when signed with another secret', async () => {
    const { response, seen } = await post(
      JSON.stringify(exampleEvent('user.created', 1)),
      'another-secret-123',
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'no_matching_signature',
    );
    expect(seen).toEqual([]);
  });
});

describe('Standard Webhooks v1a (Ed25519)', () => {
  it('verifies deliveries signed with a whsk_ key against the whpk_ public key, beside an HMAC secret', async () => {
    const { publicKey, secretKey } = await generateEd25519KeyPair();
    const receiver = createReceiver({ secret: [SECRET, publicKey] });
    const event = exampleEvent('user.created', 1);
    expect((await receiver.fetch(await signedRequest(event, { secret: secretKey }))).status).toBe(
      200,
    );
    const other = await generateEd25519KeyPair();
    const forged = await receiver.fetch(
      await signedRequest(exampleEvent('user.created', 1), { secret: other.secretKey }),
    );
    expect(forged.status).toBe(401);
  });
});
