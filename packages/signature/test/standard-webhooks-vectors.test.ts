import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import {
  asymmetricSignVector,
  officialBareSecret,
  officialRejectedSignatures,
  symmetricSignVector,
} from './fixtures/standard-webhooks-vectors.js';

const at = (seconds: number) => ({ now: () => seconds * 1000 });

describe.each(builds)('official Standard Webhooks vectors — $name', ({ api }) => {
  it('signs the v1 vector byte for byte', async () => {
    const { secret, id, timestamp, payload, signature } = symmetricSignVector;
    const headers = await api.signWebhook({ id, timestamp, payload, secret });
    expect(headers).toEqual({
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    });
  });

  it('verifies the v1 vector with the prefixed and the bare secret', async () => {
    const { secret, id, timestamp, payload, signature } = symmetricSignVector;
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    for (const key of [secret, officialBareSecret]) {
      await expect(api.verifyWebhook(payload, headers, key, at(timestamp))).resolves.toEqual({
        id,
        timestamp,
        payload,
      });
    }
  });

  it('signs the v1a (Ed25519) vector byte for byte', async () => {
    const { secretKey, id, timestamp, payload, signature } = asymmetricSignVector;
    const headers = await api.signWebhook({ id, timestamp, payload, secret: secretKey });
    expect(headers['webhook-signature']).toBe(signature);
  });

  it('rejects each malformed or foreign signature from the official tests', async () => {
    const { secret, id, timestamp, payload } = symmetricSignVector;
    for (const signature of officialRejectedSignatures) {
      const result = await api.safeVerifyWebhook(
        payload,
        {
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature,
        },
        secret,
        at(timestamp),
      );
      expect(result.ok, signature).toBe(false);
      if (!result.ok) {
        expect(['no_matching_signature', 'invalid_signature_header']).toContain(result.error.code);
      }
    }
  });
});
