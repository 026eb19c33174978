import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import { at } from './helpers.js';

const stripeClient = new Stripe('sk_test_x');
const payload = JSON.stringify({
  id: 'evt_42',
  event: 'payment.succeeded',
  version: 2,
  amount: 1999,
});
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each(builds)('interop with the reference libraries — $name', ({ api }) => {
  describe('standardwebhooks (Webhook class)', () => {
    it('verifies what standardwebhooks signs, with whsec_ and bare secrets', async () => {
      const secret = api.generateSecret();
      const timestamp = nowSeconds();
      const signature = new Webhook(secret).sign(
        'msg_interop',
        new Date(timestamp * 1000),
        payload,
      );
      const headers = {
        'webhook-id': 'msg_interop',
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      };
      await expect(api.verifyWebhook(payload, headers, secret, at(timestamp))).resolves.toEqual({
        id: 'msg_interop',
        timestamp,
        payload,
      });
      await expect(
        api.verifyWebhook(payload, headers, secret.slice('whsec_'.length), at(timestamp)),
      ).resolves.toBeDefined();
    });

    it('produces deliveries standardwebhooks accepts, including rotation headers', async () => {
      const current = api.generateSecret();
      const previous = api.generateSecret();
      const headers = await api.signWebhook({
        id: 'msg_ours',
        timestamp: nowSeconds(),
        payload,
        secret: [previous, current],
      });
      expect(new Webhook(current).verify(payload, headers)).toEqual(JSON.parse(payload));
      expect(new Webhook(previous).verify(payload, headers)).toEqual(JSON.parse(payload));
      expect(() => new Webhook(api.generateSecret()).verify(payload, headers)).toThrow();
    });
  });

  describe('stripe (official SDK)', () => {
    it('verifies generateTestHeaderString output', async () => {
      const secret = 'whsec_test_interop';
      const timestamp = nowSeconds();
      const header = stripeClient.webhooks.generateTestHeaderString({ payload, secret, timestamp });
      await expect(
        api.stripe.verify(payload, { 'stripe-signature': header }, secret, at(timestamp)),
      ).resolves.toEqual({ timestamp, payload });
    });

    it('produces headers constructEvent accepts', async () => {
      const secret = 'whsec_test_interop';
      const headers = await api.stripe.sign({ payload, secret });
      const event = stripeClient.webhooks.constructEvent(
        payload,
        headers['stripe-signature'],
        secret,
      );
      expect(event.id).toBe('evt_42');
      expect(() =>
        stripeClient.webhooks.constructEvent(payload, headers['stripe-signature'], 'whsec_other'),
      ).toThrow();
    });
  });

  describe('@octokit/webhooks-methods', () => {
    it('verifies what octokit signs', async () => {
      const signature = await octokitSign('octo-secret', payload);
      await expect(
        api.github.verify(payload, { 'x-hub-signature-256': signature }, 'octo-secret'),
      ).resolves.toMatchObject({ payload });
    });

    it('produces signatures octokit verifies', async () => {
      const headers = await api.github.sign({ payload, secret: 'octo-secret' });
      await expect(
        octokitVerify('octo-secret', payload, headers['x-hub-signature-256']),
      ).resolves.toBe(true);
      await expect(octokitVerify('wrong', payload, headers['x-hub-signature-256'])).resolves.toBe(
        false,
      );
    });
  });
});
