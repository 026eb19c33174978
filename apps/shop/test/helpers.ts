import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Platform, type PlatformOptions, startPlatform } from '@hookline/platform';
import { eventually as pollUntil } from '@hookline/test-support';
import { type Shop, type ShopOptions, startShop } from '../src/index.js';

/** A throwaway folder for SQLite files; `cleanup()` removes it. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'hookline-shop-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A port that was free a moment ago on 127.0.0.1: for a shop whose `publicUrl` must be known
 * before it listens.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real platform on 127.0.0.1:0 over a SQLite file in `dir` (cheap password hashing). */
export function startTestPlatform(dir: string, options: PlatformOptions = {}): Promise<Platform> {
  return startPlatform({
    port: 0,
    database: join(dir, 'platform.db'),
    passwordCost: 1024,
    log: () => {},
    ...options,
  });
}

/** A real shop on 127.0.0.1 (port 0 unless given) over a SQLite file in `dir`. */
export function startTestShop(
  dir: string,
  platform: Platform,
  options: Partial<ShopOptions> = {},
): Promise<Shop> {
  return startShop({
    platformUrl: platform.url,
    apiKey: platform.apiKey,
    port: 0,
    database: join(dir, 'shop.db'),
    // Off unless a test turns it on: catch-up counts stay exactly what each test caused.
    catchUpIntervalMs: 0,
    log: () => {},
    ...options,
  });
}

/** A browser-like caller of the shop's JSON API that keeps the session cookie. */
export class ShopVisitor {
  cookie = '';
  constructor(readonly shopUrl: string) {}

  async call<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.shopUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie: this.cookie,
        'user-agent': 'shop-test/1.0',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Signs up and logs in; resolves the platform user id. */
  async signUpAndLogIn(email: string, password = 'correct horse battery'): Promise<string> {
    const signup = await this.call<{ user: { id: string } }>('/api/signup', { email, password });
    if (signup.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(signup.body)}`);
    const login = await this.call('/api/login', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return signup.body.user.id;
  }
}

/** Calls the platform API directly (as another app, or the customer on the payment page). */
export async function platformCall<T = Record<string, unknown>>(
  platform: Platform,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${platform.apiKey}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The customer pays a checkout session with a test card (what the payment page does). */
export function payCheckout(
  platform: Platform,
  checkoutSessionId: string,
  card = '4242424242424242',
) {
  return platformCall<{ payment: { id: string; status: string } }>(
    platform,
    'POST',
    `/v1/checkout/sessions/${checkoutSessionId}/pay`,
    { card: { number: card, exp_month: 12, exp_year: 2040, cvc: '123' } },
  );
}

/**
 * `eventually` of @hookline/test-support with the shop suite's patience: 15 s unless told,
 * polled every 50 ms (each check may go through the shop and the platform over HTTP).
 */
export function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return pollUntil(check, what, timeoutMs, 50);
}
