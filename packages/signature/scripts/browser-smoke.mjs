// Runs the WebCrypto build (dist/index.mjs) inside a real Chromium page and checks it against
// fixed vectors: the proof that the default export works in a browser, Ed25519 included.
// Needs a build and a Chromium (Debian: apt-get install chromium; or set CHROMIUM_PATH).
// Not part of `pnpm test` (CI machines need not have a browser):
//   pnpm --filter @hookline/signature build && pnpm --filter @hookline/signature test:browser
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

// Only files under dist/, as JavaScript modules; everything else is 404.
const server = createServer(async (request, response) => {
  const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
  if (path === '') {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>smoke</title>');
    return;
  }
  const file = join(dist, path);
  try {
    if (!file.startsWith(`${dist}/`) || !path.endsWith('.mjs')) throw new Error('not served');
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(base); // http://127.0.0.1 is a secure context, so crypto.subtle exists
  const results = await page.evaluate(async () => {
    const sig = await import('/index.mjs');
    const out = {};
    out.hasNode =
      typeof globalThis.process !== 'undefined' || typeof globalThis.Buffer !== 'undefined';
    const v1 = await sig.signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      payload: '{"test": 2432232314}',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    out.v1 = v1['webhook-signature'];
    out.v1Verified = (
      await sig.verifyWebhook(
        '{"test": 2432232314}',
        new Headers(v1),
        'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        {
          now: () => 1614265330_000,
        },
      )
    ).id;
    const v1a = await sig.signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      payload: '{"test": 2432232314}',
      secret: 'whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
    });
    out.v1a = v1a['webhook-signature'];
    const pair = await sig.generateEd25519KeyPair();
    const signed = await sig.signWebhook({
      id: 'msg_b',
      payload: new TextEncoder().encode('{}'),
      secret: pair.secretKey,
    });
    out.v1aRoundTrip = (
      await sig.safeVerifyWebhook(new TextEncoder().encode('{}').buffer, signed, pair.publicKey)
    ).ok;
    out.github = (
      await sig.github.sign({ payload: 'Hello, World!', secret: "It's a Secret to Everybody" })
    )['x-hub-signature-256'];
    out.stripeRoundTrip = (
      await sig.stripe.safeVerify(
        '{}',
        await sig.stripe.sign({ payload: '{}', secret: 'whsec_x' }),
        'whsec_x',
      )
    ).ok;
    const parsed = await sig.safeVerifyWebhook({ a: 1 }, signed, pair.publicKey);
    out.parsedBody = parsed.ok ? 'accepted' : parsed.error.code;
    return out;
  });

  const expected = {
    hasNode: false,
    v1: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    v1Verified: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    v1a: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
    v1aRoundTrip: true,
    github: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    stripeRoundTrip: true,
    parsedBody: 'payload_not_raw',
  };
  const rows = Object.keys(expected).map((check) => ({
    check,
    ok: JSON.stringify(results[check]) === JSON.stringify(expected[check]),
    got: results[check],
  }));
  console.log(`Chromium ${browser.version()}`);
  console.table(rows);
  if (rows.some((row) => !row.ok)) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
