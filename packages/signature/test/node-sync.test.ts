import { describe, expect, it } from 'vitest';
import * as node from '../src/node/index.js';
import { symmetricSignVector } from './fixtures/standard-webhooks-vectors.js';
import { at, T0 } from './helpers.js';

describe('@hookline/signature/node sync variants', () => {
  it('signWebhookSync reproduces the official vector', () => {
    const { secret, id, timestamp, payload, signature } = symmetricSignVector;
    expect(node.signWebhookSync({ id, timestamp, payload, secret })['webhook-signature']).toBe(
      signature,
    );
  });

  it('verifyWebhookSync accepts v1 and v1a and throws typed errors', () => {
    const pair = node.generateEd25519KeyPairSync();
    const secret = node.generateSecret();
    const headers = node.signWebhookSync({
      id: 'msg_s',
      timestamp: T0,
      payload: '{}',
      secret: [secret, pair.secretKey],
    });
    expect(node.verifyWebhookSync('{}', headers, secret, at(T0))).toEqual({
      id: 'msg_s',
      timestamp: T0,
      payload: '{}',
    });
    expect(node.verifyWebhookSync(Buffer.from('{}'), headers, pair.publicKey, at(T0)).id).toBe(
      'msg_s',
    );
    expect(() => node.verifyWebhookSync('{ }', headers, secret, at(T0))).toThrow(
      node.WebhookVerificationError,
    );
    const result = node.safeVerifyWebhookSync('{}', headers, secret, at(T0 + 301));
    expect(result.ok ? 'ok' : result.error.code).toBe('timestamp_too_old');
  });

  it('sync and async forms give identical headers', async () => {
    const pair = node.generateEd25519KeyPairSync();
    const input = {
      id: 'msg_same',
      timestamp: T0,
      // Non-ASCII and a lone surrogate: node:crypto hashes the text, WebCrypto its bytes.
      payload: '{"name":"Zoë \ud800 😀"}',
      secret: [node.generateSecret(), pair.secretKey],
    };
    expect(node.signWebhookSync(input)).toEqual(await node.signWebhook(input));
  });
});
