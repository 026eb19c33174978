// Side-by-side verification throughput: ours (node:crypto build and WebCrypto build) against
// the reference libraries, in one process. Run with `pnpm --filter @hookline/signature bench`
// after a build. Not part of `pnpm test`; numbers depend on the machine.
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Bench } from 'tinybench';
import * as webBuild from '../dist/index.mjs';
import * as nodeBuild from '../dist/node/index.mjs';

const payload = JSON.stringify({
  id: 'evt_01JBENCH',
  event: 'payment.succeeded',
  version: 2,
  timestamp: '2026-03-13T17:00:00Z',
  resource_id: 'pay_abc123',
  metadata: { amount: 1999, currency: 'usd', customer: 'cus_123', note: 'x'.repeat(512) },
});
const payloadBytes = Buffer.from(payload);

// Standard Webhooks v1
const secret = nodeBuild.generateSecret();
const timestamp = Math.floor(Date.now() / 1000);
const headers = await nodeBuild.signWebhook({ id: 'msg_bench', timestamp, payload, secret });
const standard = new Webhook(secret);

// Standard Webhooks v1a (Ed25519)
const pair = await nodeBuild.generateEd25519KeyPair();
const edHeaders = await nodeBuild.signWebhook({
  id: 'msg_bench',
  timestamp,
  payload,
  secret: pair.secretKey,
});

// Stripe
const stripeSecret = 'whsec_bench_secret';
const stripe = new Stripe('sk_test_x');
const stripeHeader = stripe.webhooks.generateTestHeaderString({
  payload,
  secret: stripeSecret,
  timestamp,
});
const stripeHeaders = { 'stripe-signature': stripeHeader };

// GitHub
const githubSecret = 'bench-secret';
const githubSignature = await octokitSign(githubSecret, payload);
const githubHeaders = { 'x-hub-signature-256': githubSignature };

async function expectOk(label, promise) {
  try {
    await promise;
  } catch (error) {
    throw new Error(`${label} failed before benchmarking: ${error.message}`);
  }
}
// Sanity: every contender accepts its delivery, so the table compares real verifications.
await expectOk('ours node v1', nodeBuild.verifyWebhook(payload, headers, secret));
await expectOk('ours web v1', webBuild.verifyWebhook(payload, headers, secret));
await expectOk('ours web v1a', webBuild.verifyWebhook(payload, edHeaders, pair.publicKey));
standard.verify(payload, headers);
stripe.webhooks.constructEvent(payload, stripeHeader, stripeSecret);
await expectOk('ours stripe', nodeBuild.stripe.verify(payload, stripeHeaders, stripeSecret));
if (!(await octokitVerify(githubSecret, payload, githubSignature))) throw new Error('octokit');
await expectOk('ours github', webBuild.github.verify(payload, githubHeaders, githubSecret));

const bench = new Bench({ time: 700, warmupTime: 200 });
bench
  .add('v1: @hookline/signature node (async)', () =>
    nodeBuild.verifyWebhook(payload, headers, secret),
  )
  .add('v1: @hookline/signature node (sync)', () =>
    nodeBuild.verifyWebhookSync(payload, headers, secret),
  )
  .add('v1: @hookline/signature web (WebCrypto)', () =>
    webBuild.verifyWebhook(payload, headers, secret),
  )
  .add('v1: @hookline/signature node, Buffer body', () =>
    nodeBuild.verifyWebhookSync(payloadBytes, headers, secret),
  )
  .add('v1: standardwebhooks Webhook.verify', () => standard.verify(payload, headers))
  .add('stripe: @hookline/signature node (sync)', () =>
    nodeBuild.stripe.verifySync(payload, stripeHeaders, stripeSecret),
  )
  .add('stripe: @hookline/signature web', () =>
    webBuild.stripe.verify(payload, stripeHeaders, stripeSecret),
  )
  .add('stripe: stripe.webhooks.constructEvent', () =>
    stripe.webhooks.constructEvent(payload, stripeHeader, stripeSecret),
  )
  .add('github: @hookline/signature node (sync)', () =>
    nodeBuild.github.verifySync(payload, githubHeaders, githubSecret),
  )
  .add('github: @hookline/signature web', () =>
    webBuild.github.verify(payload, githubHeaders, githubSecret),
  )
  .add('github: @octokit/webhooks-methods verify', () =>
    octokitVerify(githubSecret, payload, githubSignature),
  )
  // Ed25519 last: it is ~20x slower per call and its garbage would skew the HMAC rows.
  .add('v1a: @hookline/signature node (sync)', () =>
    nodeBuild.verifyWebhookSync(payload, edHeaders, pair.publicKey),
  )
  .add('v1a: @hookline/signature web (WebCrypto)', () =>
    webBuild.verifyWebhook(payload, edHeaders, pair.publicKey),
  );

await bench.run();
console.log(`payload ${payloadBytes.length} bytes, Node ${process.version}`);
console.table(bench.table());
