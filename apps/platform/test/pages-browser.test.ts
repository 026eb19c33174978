import { chromiumLaunchOptions, cspRefusals, injectInlineScripts } from '@hookline/test-chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Json, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

/** A new page, and what the browser refuses on it under the page's Content-Security-Policy. */
async function newPage() {
  const page = await browser.newPage();
  return { page, refused: cspRefusals(page) };
}

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let sink: WebhookSink;
let browser: Browser;
let endpoint: Json;

beforeAll(async () => {
  platform = await startTestPlatform();
  sink = await startWebhookSink();
  endpoint = (
    await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: sink.url, enabled_events: ['*'] },
    })
  ).body;
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await sink?.close();
});

describe('the pay page (the stand-in for the hosted payment page)', () => {
  it('Decline records a failed payment and keeps the session open; Pay completes it and returns to success_url', async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'shopper@example.com', password: 'long enough' },
    });
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: {
        amount: 1999,
        currency: 'USD',
        user_id: user.body.id,
        success_url: `${platform.url}/healthz?paid=1`,
      },
    });
    const { page, refused } = await newPage();
    try {
      await page.goto(checkout.body.url);
      expect(await page.textContent('#amount')).toBe('19.99 USD');
      await page.click('#decline');
      await page.waitForSelector('#result.bad');
      expect(await page.textContent('#result')).toContain('Your card was declined.');
      expect(await page.textContent('#status')).toBe('open');

      await page.click('#pay');
      await page.waitForURL(`${platform.url}/healthz?paid=1`, { timeout: 10_000 });
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
    const after = await platform.api<Json>('GET', `/v1/checkout/sessions/${checkout.body.id}`);
    expect(after.body.status).toBe('complete');
    const payments = await platform.api<Json>(`GET`, `/v1/payments?user_id=${user.body.id}`);
    expect(payments.body.data.map((p: Json) => p.status)).toEqual(['failed', 'succeeded']);
    await eventually(() => sink.ofType('checkout.completed')[0], 'checkout.completed delivery');
  });

  it('never contains the API key: the pay page (before and after a decline) and the dashboard HTML', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: { amount: 500, currency: 'USD', success_url: `${platform.url}/healthz` },
    });
    const pages = [
      await fetch(checkout.body.url),
      await fetch(checkout.body.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=decline',
      }),
      await fetch(`${platform.url}/`),
    ];
    for (const response of pages) {
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<html');
      expect(html).not.toContain(platform.apiKey);
    }
    const paid = await fetch(checkout.body.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=pay',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${platform.url}/healthz`);
    const again = await fetch(checkout.body.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=pay',
      redirect: 'manual',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).not.toContain(platform.apiKey);
  });

  it('the pay form POST takes only a small form with a known outcome', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: { amount: 700, currency: 'USD', success_url: `${platform.url}/healthz` },
    });
    const post = (body: string) =>
      fetch(checkout.body.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    expect((await post(`outcome=pay&padding=${'x'.repeat(8 * 1024)}`)).status).toBe(413);
    expect((await post('outcome=refund')).status).toBe(400);
    const after = await platform.api<Json>('GET', `/v1/checkout/sessions/${checkout.body.id}`);
    expect(after.body.status).toBe('open');
  });

  it('an unknown checkout session is a 404 page', async () => {
    const response = await fetch(`${platform.url}/pay/cs_unknown`);
    expect(response.status).toBe(404);
  });
});

describe('page security headers', () => {
  it('the dashboard and the pay page admit only their own script and style, and no framing', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: { amount: 500, currency: 'USD', success_url: `${platform.url}/healthz` },
    });
    for (const url of [`${platform.url}/`, checkout.body.url as string]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('the dashboard', () => {
  it('lists the endpoint and its deliveries with attempts, and Retry re-sends a dead delivery', async () => {
    sink.respondWith(() => 500);
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'dash@example.com', password: 'long enough' },
    });
    const dead = await eventually(async () => {
      const page = await platform.api<Json>(
        'GET',
        `/v1/webhook_endpoints/${endpoint.id}/deliveries?status=dead&limit=100`,
      );
      return page.body.data.find(
        (d: Json) => d.event_type === 'user.created' && d.attempts.length > 0,
      );
    }, 'a dead user.created delivery');
    expect(user.status).toBe(201);
    sink.respondWith(() => 200);

    const { page, refused } = await newPage();
    try {
      await page.goto(`${platform.url}/`);
      expect(await page.textContent('#key')).toBe('not set');
      await page.fill('#key-input', platform.apiKey);
      await page.click('#key-form button');
      await page.waitForSelector(`#endpoints tr[data-id="${endpoint.id}"]`);
      const row = page.locator(`#deliveries tr[data-id="${dead.id}"]`);
      await row.waitFor();
      expect(await row.locator('.attempt').count()).toBe(dead.attempts.length);
      expect(await row.textContent()).toContain('dead');
      await row.locator('button.retry').click();
      await page.waitForFunction(
        (id) =>
          document
            .querySelector(`#deliveries tr[data-id="${id}"]`)
            ?.textContent?.includes('succeeded'),
        dead.id,
        { timeout: 10_000 },
      );
      expect(await page.locator('#events tbody tr').count()).toBeGreaterThan(0);
      // The page's own script ran (it filled the tables); nothing was refused on the way.
      expect(refused).toEqual([]);
      // A script that is not the page's own does not run: not inline, not as an attribute.
      expect(await injectInlineScripts(page, refused)).toEqual({});
    } finally {
      await page.close();
    }
    const after = await platform.api<Json>('GET', `/v1/deliveries/${dead.id}`);
    expect(after.body.status).toBe('succeeded');
    expect(after.body.attempts.at(-1)).toMatchObject({ status_code: 200, succeeded: true });
  });
});
