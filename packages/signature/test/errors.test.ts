import { describe, expect, it } from 'vitest';
import {
  isWebhookVerificationError,
  WebhookVerificationError,
  webhookVerificationErrorStatus,
} from '../src/index.js';
import { WebhookVerificationError as NodeBuildError } from '../src/node/index.js';
import { builds } from './builds.js';
import { at, T0 } from './helpers.js';

const body = '{"event":"user.created"}';

describe('WebhookVerificationError', () => {
  it('derives status from code: 401 auth failures, 400 malformed input, 500 receiver misconfiguration', () => {
    expect(webhookVerificationErrorStatus).toEqual({
      missing_header: 401,
      invalid_timestamp: 400,
      timestamp_too_old: 401,
      timestamp_too_new: 401,
      invalid_signature_header: 400,
      no_matching_signature: 401,
      payload_not_raw: 500,
      invalid_secret: 500,
      invalid_options: 500,
      invalid_input: 500,
    });
    const error = new WebhookVerificationError('timestamp_too_old', 'old', { cause: 'x' });
    expect([error.name, error.code, error.status, error.cause]).toEqual([
      'WebhookVerificationError',
      'timestamp_too_old',
      401,
      'x',
    ]);
  });

  it('is recognised by the guard across builds, and other errors are not', () => {
    expect(isWebhookVerificationError(new NodeBuildError('invalid_secret', 'm'))).toBe(true);
    expect(isWebhookVerificationError(new Error('m'))).toBe(false);
    expect(
      isWebhookVerificationError({ code: 'invalid_secret', name: 'WebhookVerificationError' }),
    ).toBe(false);
    expect(isWebhookVerificationError(null)).toBe(false);
  });
});

describe.each(builds)('error messages — $name', ({ api }) => {
  it.each([
    ['a plain object', { event: 'user.created' }],
    ['an array', [1, 2]],
    ['null', null],
    ['a number', 42],
    ['a Map', new Map()],
    ['a Uint16Array', new Uint16Array(2)],
  ])(
    'refuses %s as payload_not_raw with raw-body advice for common frameworks',
    async (_label, payload) => {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_1', timestamp: T0, payload: body, secret });
      const result = await api.safeVerifyWebhook(
        payload as unknown as string,
        headers,
        secret,
        at(T0),
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('payload_not_raw');
      expect(result.error.status).toBe(500);
      for (const hint of [
        "express.raw({ type: 'application/json' })",
        'await request.text()',
        "parseAs: 'buffer'",
        'await c.req.text()',
      ]) {
        expect(result.error.message).toContain(hint);
      }
    },
  );

  it('never puts a secret or signature bytes into any error message', async () => {
    const secret = api.generateSecret();
    const secretBody = secret.slice('whsec_'.length);
    const pair = await api.generateEd25519KeyPair();
    const headers = await api.signWebhook({ id: 'msg_1', timestamp: T0, payload: body, secret });
    const signature = headers['webhook-signature'].slice(3);
    const forbidden = [
      secret,
      secretBody,
      pair.secretKey,
      pair.publicKey.slice(5),
      signature,
      'whsec_broken!!',
    ];
    const failures = await Promise.all([
      api.safeVerifyWebhook(`${body} `, headers, secret, at(T0)),
      api.safeVerifyWebhook(body, headers, api.generateSecret(), at(T0)),
      api.safeVerifyWebhook(body, headers, [api.generateSecret(), secret], at(T0 + 1000)),
      api.safeVerifyWebhook(body, headers, secret, at(T0 - 1000)),
      api.safeVerifyWebhook(body, headers, pair.secretKey, at(T0)),
      api.safeVerifyWebhook(body, headers, pair.publicKey, at(T0)),
      api.safeVerifyWebhook(body, headers, 'whsec_broken!!', at(T0)),
      api.safeVerifyWebhook(body, { ...headers, 'webhook-signature': signature }, secret, at(T0)),
      api.safeVerifyWebhook(body, { ...headers, 'webhook-timestamp': signature }, secret, at(T0)),
      // A header echoing secret material as its "version" must not get it into the message.
      api.safeVerifyWebhook(
        body,
        { ...headers, 'webhook-signature': `${secretBody},${signature}` },
        secret,
        at(T0),
      ),
      api.stripe.safeVerify(
        body,
        { 'stripe-signature': `t=${T0},v1=${'a'.repeat(64)}` },
        secret,
        at(T0),
      ),
      api.github.safeVerify(body, { 'x-hub-signature-256': signature }, secret),
      api.shopify.safeVerify(body, { 'x-shopify-hmac-sha256': signature }, secret),
      api.authgear.safeVerify(body, { 'x-authgear-body-signature': 'ab'.repeat(32) }, secret),
    ]);
    const messages = failures.map((result) => {
      expect(result.ok).toBe(false);
      return result.ok ? '' : `${result.error.message} ${String(result.error.cause ?? '')}`;
    });
    expect(new Set(failures.map((result) => (result.ok ? 'ok' : result.error.code)))).toEqual(
      new Set([
        'no_matching_signature',
        'timestamp_too_old',
        'timestamp_too_new',
        'invalid_secret',
        'invalid_signature_header',
        'invalid_timestamp',
      ]),
    );
    for (const message of messages) {
      for (const value of forbidden) expect(message).not.toContain(value);
    }
  });
});
