import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { type HooklineClient, isHooklineApiError, unwrap } from '@hookline/client';
import type { Receiver } from '@hookline/receiver';
import { sendWebResponse, toWebRequest } from '@hookline/receiver/node';
import { findProduct, products } from './catalog.js';
import type { CatchUpReport } from './catch-up.js';
import {
  type CompareOptions,
  type CompareResult,
  compareWebhookAndPolling,
} from './compare-delivery.js';
import type { LiveUpdates, ShopChange } from './live-updates.js';
import { openCheckout } from './open-checkout.js';
import { isShopError, ShopError } from './shop-error.js';
import { shopPage, shopPageHeaders, shopScript } from './shop-page.js';
import type { ShopSession, ShopStore, ShopUser } from './shop-store.js';
import type { EndpointRegistration } from './webhook-endpoint.js';

/** What the shop's HTTP handler needs; `receiver` and friends arrive once start-up is done. */
export interface ShopHttpDeps {
  store: ShopStore;
  client: HooklineClient;
  live: LiveUpdates;
  shopUrl: () => string;
  platformUrl: string;
  compare: CompareOptions;
  /** Set once the endpoint is registered; until then deliveries get 503 and are retried. */
  receiver: () => Receiver | undefined;
  endpoint: () => EndpointRegistration | undefined;
  lastCatchUp: () => CatchUpReport | undefined;
  /** Pulls missed events now; undefined until the receiver runs. */
  catchUpNow: () => Promise<CatchUpReport> | undefined;
}

/** The shop's node:http request listener, plus a way to end open event streams on shutdown. */
export interface ShopHttp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  closeStreams(): void;
}

const cookieName = 'shop_session';
const maxJsonBytes = 64 * 1024;

type Signed = { session: ShopSession; user: ShopUser };

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (isShopError(error)) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  if (isHooklineApiError(error)) {
    const status = error.status !== undefined && error.status < 500 ? error.status : 502;
    sendJson(res, status, {
      error: { code: 'platform_error', message: error.message, platform_code: error.code },
    });
    return;
  }
  sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong in the shop.' } });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxJsonBytes) {
      throw new ShopError('invalid_request', `The request body is over ${maxJsonBytes} bytes.`, {
        status: 413,
      });
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // answered below
  }
  throw new ShopError('invalid_request', 'The request body must be a JSON object.');
}

/** A text field, trimmed (an email, a product id); not for secrets, see {@link secretField}. */
function stringField(body: Record<string, unknown>, name: string, required: true): string;
function stringField(
  body: Record<string, unknown>,
  name: string,
  required: false,
): string | undefined;
function stringField(body: Record<string, unknown>, name: string, required: boolean) {
  const value = body[name];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (!required && (value === undefined || value === '')) return undefined;
  throw new ShopError('invalid_request', `\`${name}\` must be a non-empty string.`);
}

/** A secret (a password) exactly as typed: not trimmed, since its spaces are part of it. */
function secretField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === 'string' && value !== '') return value;
  throw new ShopError('invalid_request', `\`${name}\` must be a non-empty string.`);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const sessionCookie = (token: string, maxAge: number) =>
  `${cookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;

/** The client's address as the platform's `ip_address` wants it (`::ffff:` prefix dropped). */
function clientIp(req: IncomingMessage): string | undefined {
  const raw = req.socket.remoteAddress;
  const ip = raw?.startsWith('::ffff:') ? raw.slice(7) : raw;
  return ip !== undefined && isIP(ip) !== 0 ? ip : undefined;
}

/**
 * The path of a request target, as sent. Parsed against a fixed origin by concatenation, not
 * as a relative reference: `//host` must stay a path, not become an authority (`new URL('//',
 * base)` throws). A target that is no path at all (`*`, an absolute URL) is a 400.
 */
function requestPath(target = '/'): string {
  if (!target.startsWith('/')) {
    throw new ShopError('invalid_request', `The request target must be a path; got ${target}.`);
  }
  return new URL(`http://shop.invalid${target}`).pathname;
}

/** Builds the shop's routes: the page, its JSON API, the event stream and the webhook. */
export function createShopHttp(deps: ShopHttpDeps): ShopHttp {
  const { store, client, live } = deps;
  const streams = new Set<ServerResponse>();
  /** Each customer's latest compare result. */
  const compares = new Map<string, CompareResult>();

  const signedIn = (req: IncomingMessage): Signed | undefined => {
    const token = readCookie(req, cookieName);
    return token === undefined ? undefined : store.activeSession(token);
  };
  const mustSignIn = (req: IncomingMessage): Signed => {
    const signed = signedIn(req);
    if (!signed) {
      throw new ShopError(
        'not_signed_in',
        'Log in first: this needs a shop session (it may have been revoked by the platform).',
      );
    }
    return signed;
  };

  const orderView = (orderId: string, userId: string) => {
    const order = store.getOrder(orderId);
    if (!order || order.user_id !== userId) {
      throw new ShopError('not_found', `No order ${orderId} belongs to the signed-in user.`);
    }
    return {
      ...order,
      events: store.orderEvents(order.id),
      fulfilments: store.fulfilmentCount(order.id),
    };
  };

  const state = (req: IncomingMessage) => {
    const signed = signedIn(req);
    const endpoint = deps.endpoint();
    return {
      platform_url: deps.platformUrl,
      webhook: endpoint ? { id: endpoint.id, url: endpoint.url, outcome: endpoint.outcome } : null,
      catch_up: deps.lastCatchUp() ?? null,
      products,
      user: signed
        ? { id: signed.user.id, email: signed.user.email, name: signed.user.name }
        : null,
      orders: signed ? store.ordersOf(signed.user.id) : [],
      access: signed ? store.accessOf(signed.user.id) : [],
      onboarding: signed ? store.onboardingTasks(signed.user.id) : [],
      security_log: signed ? store.securityLog(signed.user.id) : [],
      feed: signed ? store.feed(signed.user.id, 50) : [],
      compare: (signed && compares.get(signed.user.id)) ?? null,
    };
  };

  const webhook = async (req: IncomingMessage, res: ServerResponse) => {
    const receiver = deps.receiver();
    if (!receiver) {
      sendJson(
        res,
        503,
        { error: { code: 'starting', message: 'The shop is starting; retry shortly.' } },
        { 'retry-after': '1' },
      );
      return;
    }
    const response = await receiver.fetch(toWebRequest(req), {
      ...(req.socket.remoteAddress !== undefined && { remoteAddress: req.socket.remoteAddress }),
    });
    const id = req.headers['webhook-id'];
    if (response.ok && typeof id === 'string') {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { duplicate?: boolean };
      if (body.duplicate) {
        // A redelivery of an event already handled (by push or catch-up): acknowledged, not run.
        const entry = await receiver.inspect(id);
        // The customer of the event's first handling, if it concerned one.
        const userId = store.feedOf(id).find((line) => line.user_id !== null)?.user_id ?? null;
        store.addFeed({
          event_id: id,
          event_type: entry?.event ?? 'unknown',
          resource_id: null,
          user_id: userId,
          source: 'duplicate',
        });
        live.publish({
          kind: 'feed',
          eventId: id,
          eventType: entry?.event ?? 'unknown',
          source: 'duplicate',
          userId,
        });
      }
    }
    await sendWebResponse(req, res, response);
  };

  /** Whether a change is the signed-in customer's to see (catch-up counts concern everyone). */
  const concerns = (change: ShopChange, userId: string): boolean =>
    change.kind === 'catch_up' || change.userId === userId;

  /** Server-Sent Events of the signed-in customer's changes; ends when their session does. */
  const stream = (req: IncomingMessage, res: ServerResponse) => {
    const { session, user } = mustSignIn(req);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const unsubscribe = live.subscribe((change) => {
      if (!concerns(change, user.id)) return;
      // Only a change to this customer's sessions can have revoked this one.
      if (change.kind === 'sessions' && !store.activeSession(session.token)) {
        res.end(); // revoked: the browser reconnects, gets a 401 and stops
        return;
      }
      res.write(`data: ${JSON.stringify(change)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', close);
    res.on('close', close);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/api/state') return sendJson(res, 200, state(req));
    if (method === 'GET' && path === '/api/stream') return stream(req, res);
    if (method === 'GET' && path.startsWith('/api/orders/')) {
      const { user } = mustSignIn(req);
      return sendJson(res, 200, orderView(decodeURIComponent(path.slice(12)), user.id));
    }
    if (method === 'GET' && path.startsWith('/api/feed/')) {
      const { user } = mustSignIn(req);
      const lines = store.feedOf(decodeURIComponent(path.slice(10)));
      return sendJson(res, 200, { data: lines.filter((line) => line.user_id === user.id) });
    }
    if (method !== 'POST') {
      throw new ShopError('not_found', `No route ${method} ${path}.`);
    }
    const body = await readJson(req);
    switch (path) {
      case '/api/signup': {
        const name = stringField(body, 'name', false);
        const user = await unwrap(
          client.POST('/v1/users', {
            body: {
              email: stringField(body, 'email', true),
              password: secretField(body, 'password'),
              ...(name !== undefined && { name }),
            },
          }),
        );
        store.upsertUser({ id: user.id, email: user.email, name: user.name });
        return sendJson(res, 201, { user: { id: user.id, email: user.email, name: user.name } });
      }
      case '/api/login': {
        const email = stringField(body, 'email', true);
        const ip = clientIp(req);
        const userAgent = req.headers['user-agent']?.slice(0, 512);
        const session = await unwrap(
          client.POST('/v1/sessions', {
            body: {
              email,
              password: secretField(body, 'password'),
              ...(ip !== undefined && { ip_address: ip }),
              ...(userAgent !== undefined && { user_agent: userAgent }),
            },
          }),
        );
        if (!store.getUser(session.user_id)) {
          store.upsertUser({ id: session.user_id, email, name: null });
        }
        const shopSession = store.createSession({
          userId: session.user_id,
          platformSessionId: session.id,
          ipAddress: ip ?? null,
        });
        return sendJson(
          res,
          200,
          { user_id: session.user_id },
          { 'set-cookie': sessionCookie(shopSession.token, 30 * 24 * 3600) },
        );
      }
      case '/api/logout': {
        const signed = signedIn(req);
        if (signed) {
          // End it here at once; the platform's session.revoked webhook confirms it later.
          store.revokePlatformSession(signed.session.platform_session_id, 'logout');
          await client.DELETE('/v1/sessions/{session_id}', {
            params: { path: { session_id: signed.session.platform_session_id } },
          });
        }
        return sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie('', 0) });
      }
      case '/api/account/delete': {
        const { user } = mustSignIn(req);
        // The shop learns of the deletion from user.deleted / session.revoked, like any other.
        await unwrap(
          client.DELETE('/v1/users/{user_id}', { params: { path: { user_id: user.id } } }),
        );
        return sendJson(res, 202, { deleting: user.id });
      }
      case '/api/orders': {
        const { user } = mustSignIn(req);
        const productId = stringField(body, 'product', true);
        const product = findProduct(productId);
        if (!product) throw new ShopError('not_found', `The shop sells no product ${productId}.`);
        const order = await openCheckout(client, store, {
          shopUrl: deps.shopUrl(),
          userId: user.id,
          product,
        });
        return sendJson(res, 201, { order, pay_url: order.checkout_url });
      }
      case '/api/catch-up': {
        const report = await deps.catchUpNow();
        if (!report)
          throw new ShopError('invalid_request', 'The shop is still starting.', { status: 503 });
        return sendJson(res, 200, report);
      }
      case '/api/compare': {
        const { user } = mustSignIn(req);
        const product = findProduct(stringField(body, 'product', false) ?? 'stickers');
        if (product?.mode !== 'payment') {
          throw new ShopError('invalid_request', 'Compare needs a one-time product.');
        }
        const result = await compareWebhookAndPolling(
          { client, store, live, shopUrl: deps.shopUrl() },
          { userId: user.id, product },
          deps.compare,
        );
        compares.set(user.id, result);
        return sendJson(res, 200, result);
      }
      default: {
        const cancel = /^\/api\/subscriptions\/([^/]+)\/cancel$/.exec(path);
        if (cancel) {
          const { user } = mustSignIn(req);
          const subscriptionId = decodeURIComponent(cancel[1] as string);
          const access = store.getAccess(subscriptionId);
          if (access?.user_id !== user.id) {
            throw new ShopError('not_found', `No subscription ${subscriptionId} of yours.`);
          }
          // Access ends when subscription.cancelled arrives, not here.
          const subscription = await unwrap(
            client.POST('/v1/subscriptions/{subscription_id}/cancel', {
              params: { path: { subscription_id: subscriptionId } },
              body: { at_period_end: false, reason: 'requested_by_customer' },
            }),
          );
          return sendJson(res, 202, { subscription });
        }
        throw new ShopError('not_found', `No route ${method} ${path}.`);
      }
    }
  };

  return {
    async handle(req, res) {
      try {
        const path = requestPath(req.url);
        if (path === '/webhooks') return await webhook(req, res);
        if (req.method === 'GET' && path === '/') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...shopPageHeaders });
          res.end(shopPage());
          return;
        }
        if (req.method === 'GET' && path === '/shop.js') {
          res.writeHead(200, {
            'content-type': 'text/javascript; charset=utf-8',
            'x-content-type-options': 'nosniff',
          });
          res.end(shopScript);
          return;
        }
        if (path.startsWith('/api/')) return await api(req, res, path);
        sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${path}.` } });
      } catch (error) {
        if (res.headersSent) res.end();
        else sendError(res, error);
      }
    },
    closeStreams() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
