import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import { at } from './helpers.js';

// Ids as the spec allows them: printable ASCII without "." or space.
const idArb = fc.stringMatching(/^[A-Za-z0-9_\-:]{1,40}$/);
const timestampArb = fc.integer({ min: 0, max: 99_999_999_999 });
const bodyArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.json({ maxDepth: 3 }));
const bytesArb = fc.uint8Array({ maxLength: 300 });
const secretBytesArb = fc.uint8Array({ minLength: 24, maxLength: 64 });
const whsec = (bytes: Uint8Array) => `whsec_${Buffer.from(bytes).toString('base64')}`;

function flipOneBit(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const copy = bytes.slice();
  const at = index % copy.length;
  copy[at] = copy[at]! ^ (1 << bit);
  return copy;
}

describe.each(builds)('properties — $name', ({ api }) => {
  it('a text body and the same body as bytes or an ArrayBuffer sign identically', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        idArb,
        timestampArb,
        secretBytesArb,
        async (text, id, timestamp, secretBytes) => {
          const secret = whsec(secretBytes);
          const bytes = new TextEncoder().encode(text);
          const fromText = await api.signWebhook({ id, timestamp, payload: text, secret });
          expect(await api.signWebhook({ id, timestamp, payload: bytes, secret })).toEqual(
            fromText,
          );
          expect(
            await api.signWebhook({ id, timestamp, payload: bytes.slice().buffer, secret }),
          ).toEqual(fromText);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('random bodies (text and bytes), ids, timestamps and secrets round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bodyArb, bytesArb),
        idArb,
        timestampArb,
        secretBytesArb,
        async (payload, id, timestamp, secretBytes) => {
          const secret = whsec(secretBytes);
          const headers = await api.signWebhook({ id, timestamp, payload, secret });
          const webhook = await api.verifyWebhook(payload, headers, secret, at(timestamp));
          expect(webhook.id).toBe(id);
          expect(webhook.timestamp).toBe(timestamp);
          const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
          expect(webhook.payload).toBe(text);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any change to body, id, timestamp or signature fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytesArb.filter((bytes) => bytes.length > 0),
        idArb,
        timestampArb,
        secretBytesArb,
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('body', 'id', 'timestamp', 'signature'),
        async (payload, id, timestamp, secretBytes, index, bit, target) => {
          const secret = whsec(secretBytes);
          const headers = await api.signWebhook({ id, timestamp, payload, secret });
          let changedPayload: Uint8Array = payload;
          const changed = { ...headers };
          let clock = timestamp;
          if (target === 'body') changedPayload = flipOneBit(payload, index, bit);
          if (target === 'id') changed['webhook-id'] = `${id}x`;
          if (target === 'timestamp') {
            clock = timestamp + 1;
            changed['webhook-timestamp'] = String(clock);
          }
          if (target === 'signature') {
            const raw = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
            changed['webhook-signature'] =
              `v1,${Buffer.from(flipOneBit(raw, index, bit)).toString('base64')}`;
          }
          const result = await api.safeVerifyWebhook(changedPayload, changed, secret, at(clock));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe('no_matching_signature');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a different secret never verifies', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, secretBytesArb, secretBytesArb, async (payload, a, b) => {
        fc.pre(Buffer.compare(a, b) !== 0);
        const headers = await api.signWebhook({
          id: 'msg_p',
          timestamp: 1,
          payload,
          secret: whsec(a),
        });
        const result = await api.safeVerifyWebhook(payload, headers, whsec(b), at(1));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('Ed25519: any change to the body or signature fails verification', async () => {
    const { secretKey, publicKey } = await api.generateEd25519KeyPair();
    await fc.assert(
      fc.asyncProperty(
        bytesArb.filter((bytes) => bytes.length > 0),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        fc.boolean(),
        async (payload, index, bit, tamperBody) => {
          const headers = await api.signWebhook({
            id: 'msg_e',
            timestamp: 5,
            payload,
            secret: secretKey,
          });
          await expect(
            api.verifyWebhook(payload, headers, publicKey, at(5)),
          ).resolves.toBeDefined();
          const raw = Buffer.from(headers['webhook-signature'].slice(4), 'base64');
          const changed = tamperBody
            ? { body: flipOneBit(payload, index, bit), headers }
            : {
                body: payload,
                headers: {
                  ...headers,
                  'webhook-signature': `v1a,${Buffer.from(flipOneBit(raw, index, bit)).toString('base64')}`,
                },
              };
          const result = await api.safeVerifyWebhook(
            changed.body,
            changed.headers,
            publicKey,
            at(5),
          );
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('any timestamp header that is not plain decimal digits is refused before any crypto', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 14 })
          .filter((text) => !/^(0|[1-9][0-9]{0,11})$/.test(text) && text.trim() !== ''),
        async (timestamp) => {
          const result = await api.safeVerifyWebhook(
            '{}',
            { 'webhook-id': 'msg', 'webhook-timestamp': timestamp, 'webhook-signature': 'v1,AAAA' },
            api.generateSecret(),
          );
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe('invalid_timestamp');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stripe and github round-trip random bodies and reject one flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytesArb.filter((b) => b.length > 0),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        async (payload, secret, index) => {
          fc.pre(secret.trim() !== '');
          const stripeHeaders = await api.stripe.sign({ payload, secret, timestamp: 10 });
          await expect(
            api.stripe.verify(payload, stripeHeaders, secret, at(10)),
          ).resolves.toBeDefined();
          const githubHeaders = await api.github.sign({ payload, secret });
          await expect(api.github.verify(payload, githubHeaders, secret)).resolves.toBeDefined();
          const tampered = flipOneBit(payload, index, 0);
          expect((await api.stripe.safeVerify(tampered, stripeHeaders, secret, at(10))).ok).toBe(
            false,
          );
          expect((await api.github.safeVerify(tampered, githubHeaders, secret)).ok).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});
