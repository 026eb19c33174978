// The WebCrypto build inside a real Chromium page, checked against fixed vectors: the proof that
// the default export works in a browser, Ed25519 included. Chromium is Debian's (`.ci/run`
// installs it; or CHROMIUM_PATH); a missing browser fails the test with an install hint.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@hookline/test-chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// A private build of the browser entry (what dist/index.mjs is), so the test does not depend on
// build order or race a concurrent `pnpm build` cleaning dist/.
const outDir = join(packageDir, 'node_modules', '.cache', 'hookline-signature-browser');

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  execFileSync(
    'pnpm',
    ['exec', 'tsdown', '--no-config', '--no-dts', '-f', 'esm', '-d', outDir, 'src/index.ts'],
    { cwd: packageDir, stdio: 'pipe' },
  );
  // Only .mjs files of the build, as JavaScript modules; an empty page at /; everything else 404.
  server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    if (path === '') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>smoke</title>');
      return;
    }
    const file = join(outDir, path);
    try {
      if (!file.startsWith(`${outDir}/`) || !path.endsWith('.mjs')) throw new Error('not served');
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the WebCrypto build in Chromium', () => {
  it('signs and verifies the official vectors, Ed25519, GitHub and Stripe, and refuses a parsed body', async () => {
    const page = await browser.newPage();
    await page.goto(base); // http://127.0.0.1 is a secure context, so crypto.subtle exists
    const results = await page.evaluate(async () => {
      // A plain import() here would be rewritten by vitest's transform (this function is
      // serialised from the transformed test file), so the page imports through a Function.
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
      // biome-ignore lint/suspicious/noExplicitAny: the module is loaded by URL inside the page
      const sig: any = await load(`${location.origin}/index.mjs`);
      const out: Record<string, unknown> = {};
      out.hasNode =
        typeof (globalThis as { process?: unknown }).process !== 'undefined' ||
        typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined';
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
          { now: () => 1614265330_000 },
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
    await page.close();
    expect(results).toEqual({
      hasNode: false,
      v1: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      v1Verified: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      v1a: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
      v1aRoundTrip: true,
      github: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      stripeRoundTrip: true,
      parsedBody: 'payload_not_raw',
    });
  }, 60_000);
});
