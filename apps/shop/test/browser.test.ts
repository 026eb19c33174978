import { join } from 'node:path';
import type { Platform } from '@hookline/platform';
import { chromiumLaunchOptions, cspRefusals, injectInlineScripts } from '@hookline/test-chromium';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Shop } from '../src/index.js';
import { startTestPlatform, startTestShop, tempDir } from './helpers.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let platform: Platform;
let shop: Shop;
let context: BrowserContext | undefined;

/** Launches Debian's Chromium headless with a fresh profile; fails (never skips) without it. */
async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(
    join(dir.path, 'chromium-profile'),
    chromiumLaunchOptions(),
  );
}

beforeAll(async () => {
  dir = await tempDir();
  platform = await startTestPlatform(dir.path);
  shop = await startTestShop(dir.path, platform);
});

afterAll(async () => {
  await context?.close();
  await shop?.stop();
  await platform?.stop();
  await dir?.cleanup();
});

interface OrderView {
  id: string;
  status: string;
  learned_by: string | null;
  learned_event: string | null;
  learned_source: string | null;
  events: { event_id: string; event_type: string; source: string }[];
  fulfilments: number;
}

it('a visitor signs up, logs in, buys, pays on the platform page, and sees the order turn paid by the webhook', async () => {
  context = await launchChromium();
  const page = await context.newPage();
  // The shop's page and the platform's pay page must work without any CSP refusal.
  const refused = cspRefusals(page);
  await page.goto(shop.url);
  await expect.poll(() => page.textContent('#endpoint')).toContain(shop.endpoint.id);

  await page.fill('#signup-email', 'browser@example.com');
  await page.fill('#signup-password', 'correct horse battery');
  await page.fill('#signup-name', 'Ada');
  await page.click('#signup-submit');
  await page.waitForSelector('#account-result:has-text("created")');

  await page.fill('#login-email', 'browser@example.com');
  await page.fill('#login-password', 'correct horse battery');
  await page.click('#login-submit');
  await page.waitForSelector('#whoami:has-text("browser@example.com")');
  // user.created reached the shop: the welcome task shows up.
  await page.waitForSelector('#onboarding li:has-text("welcome")');

  // Buy: the shop opens a checkout session and sends the browser to the platform's page.
  await page.click('[data-buy="mug"]');
  await page.waitForURL(`${platform.url}/pay/cs_*`);
  await page.waitForSelector('#amount:has-text("12.00 USD")');
  await page.click('#pay');

  // The payment page returns to the shop, which shows the order until the webhook lands.
  await page.waitForURL(`${shop.url}/?order=ord_*`, { timeout: 15_000 });
  const orderId = new URL(page.url()).searchParams.get('order') as string;
  await page.waitForSelector('#banner[data-status="paid"]', { timeout: 15_000 });
  await page.waitForSelector(`tr[data-order="${orderId}"] .status:has-text("paid")`);
  await page.waitForSelector('#feed tr:has-text("payment.succeeded")');

  // It was the receiver handling the pushed payment.succeeded that made it paid, not a poll.
  const order = (await page.evaluate(
    (id) => fetch(`/api/orders/${id}`).then((res) => res.json()),
    orderId,
  )) as OrderView;
  expect(order.status).toBe('paid');
  expect(order.learned_by).toBe('webhook');
  expect(order.learned_source).toBe('push');
  expect(order.fulfilments).toBe(1);
  const handled = order.events.find((event) => event.event_type === 'payment.succeeded');
  expect(handled?.source).toBe('push');
  const inbox = await shop.receiver.inspect(handled?.event_id as string);
  expect(inbox).toMatchObject({ event: 'payment.succeeded', source: 'push', status: 'done' });

  // The login is in the security log, from the browser's loopback address.
  await page.waitForSelector('#security-log tr:has-text("127.0.0.1")');
  expect(refused).toEqual([]);

  // A script that is not the page's own does not run: not inline, not as an attribute.
  expect(await injectInlineScripts(page, refused)).toEqual({});
  await page.close();
});

it('the page carries a Content-Security-Policy that admits only its own script and style, and no framing', async () => {
  const response = await fetch(shop.url);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
});
