import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { createAdaptorServer } from '@hono/node-server';
import {
  type AllowOptions,
  createDispatcher,
  type Dispatcher,
  type RetryScheduleOptions,
} from '@hookline/dispatcher';
import { openapiDocument, payCheckoutSessionRequestSchema } from '@hookline/openapi';
import { bodyLimit } from 'hono/body-limit';
import type { PlatformDatabase } from './db/database.js';
import { openPostgresDatabase } from './db/postgres-database.js';
import { migrate } from './db/schema.js';
import { openSqliteDatabase } from './db/sqlite-database.js';
import { createApp } from './http/create-app.js';
import { createIdempotencyKeys } from './http/idempotency-keys.js';
import type { OperationHandlers } from './http/operation-types.js';
import { createRateLimiter, type RateLimitOptions } from './http/rate-limiter.js';
import type { ResponseRecord } from './http/response-record.js';
import { dashboardHeaders, dashboardPage } from './pages/dashboard-page.js';
import { payPage, payPageCards, payPageHeaders } from './pages/pay-page.js';
import { createWriter, type PlatformContext, type RequestClient } from './platform-context.js';
import { isPlatformError } from './platform-error.js';
import { createAccountHandlers, loadAccount } from './services/account.js';
import { createAnalyticsHandlers } from './services/analytics.js';
import { createCheckoutHandlers, isWebUrl } from './services/checkout.js';
import { createDeliveryHandlers } from './services/deliveries.js';
import { createEventHandlers } from './services/events.js';
import { createPaymentHandlers } from './services/payments.js';
import { createSessionHandlers } from './services/sessions.js';
import { createSubscriptionHandlers } from './services/subscriptions.js';
import { createUserHandlers } from './services/users.js';
import { createWebhookEndpointHandlers } from './services/webhook-endpoints.js';

/** The sandbox API key when none is configured. */
export const defaultApiKey = 'sk_test_hookline_sandbox';

/** Options of {@link startPlatform}. */
export interface PlatformOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Where state lives: a `postgres://` / `postgresql://` URL, or a SQLite file path (created
   * if missing). Default `hookline-platform.db` in the working directory.
   */
  database?: string;
  /**
   * SQLite only: `full` (default) makes every acknowledged write — and the events published with
   * it — durable against power loss; `normal` skips the per-commit fsync (a power cut may lose
   * the last commits). Use `normal` only for throwaway sandboxes and benchmarks.
   */
  sqliteSynchronous?: 'full' | 'normal';
  /** Accepted API keys; the first is the one printed on start. Default `sk_test_hookline_sandbox`. */
  apiKey?: string | readonly string[];
  /** Per-key rate limit, or `false` for none. Default: token bucket of 1000 per 10 s. */
  rateLimit?: RateLimitOptions | false;
  /** The URL the platform is reached at (checkout `url`s point here). Default: the listening URL. */
  publicUrl?: string;
  /** scrypt cost (N) of password hashes. Default 16384. */
  passwordCost?: number;
  /** Largest request body, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Delivery targets allowed beyond public HTTPS. Default: loopback and plain http (a sandbox on
   * your machine); add `privateNetworks: true` to reach other machines of your network.
   */
  allowTargets?: AllowOptions;
  /** Retry waits of deliveries (see @hookline/dispatcher). Default: the dispatcher's schedule. */
  retrySchedule?: RetryScheduleOptions | readonly number[];
  /** Per-attempt delivery timeout in ms. Default 10 000. */
  deliveryTimeoutMs?: number;
  /** How often the delivery worker looks for due deliveries, in ms. Default 100. */
  pollIntervalMs?: number;
  /**
   * How often idempotency keys older than their 24 h retention are deleted, in ms (also once at
   * start). Default 1 hour.
   */
  idempotencyPruneIntervalMs?: number;
  /**
   * Serve the dashboard (GET /) and the pay page (GET/POST /pay/{id}). Default true. Neither
   * page contains the API key: the pay page's form is handled on the server, and the dashboard
   * asks the person for the key (kept in the tab's sessionStorage).
   */
  pages?: boolean;
  /** Told about every response the server sends (the contract tests record them). */
  onResponse?: (record: ResponseRecord) => void;
  /** Where log lines go. Default: errors to `console.error`. */
  log?: (
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
}

/** A running platform. */
export interface Platform {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The sandbox API key (the first configured key). */
  apiKey: string;
  port: number;
  /** The dispatcher delivering the platform's webhooks. */
  dispatcher: Dispatcher<unknown>;
  /** Stops accepting requests, drains the delivery worker and closes the database. */
  stop(): Promise<void>;
}

/** The document served at /openapi.json, serialised once. */
const openapiJson = JSON.stringify(openapiDocument);

const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//.test(value);

/** Opens the database named by `database` (a Postgres URL or a SQLite path). */
export function openDatabase(
  database: string,
  options: { sqliteSynchronous?: 'full' | 'normal' } = {},
): PlatformDatabase {
  return isPostgresUrl(database)
    ? openPostgresDatabase(database)
    : openSqliteDatabase(database, {
        ...(options.sqliteSynchronous !== undefined && { synchronous: options.sqliteSynchronous }),
      });
}

/**
 * Starts the reference platform: the REST API of `@hookline/openapi` on a loopback port, with
 * the dispatcher's worker delivering the webhooks its actions emit.
 *
 * @example
 * ```ts
 * import { startPlatform } from '@hookline/platform';
 *
 * const platform = await startPlatform({ port: 0, database: 'sandbox.db' });
 * const res = await fetch(`${platform.url}/v1/users`, {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
 * });
 * await platform.stop();
 * ```
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const log =
    options.log ??
    ((level, message, fields) => {
      if (level === 'error') console.error(`[hookline-platform] ${message}`, fields ?? '');
    });
  const apiKeys =
    typeof options.apiKey === 'string'
      ? [options.apiKey]
      : [...(options.apiKey ?? [defaultApiKey])];
  const apiKey = apiKeys[0];
  if (!apiKey) throw new TypeError('startPlatform: apiKey must name at least one key.');
  const host = options.host ?? '127.0.0.1';
  const now = () => Date.now();

  const db = openDatabase(options.database ?? 'hookline-platform.db', {
    ...(options.sqliteSynchronous !== undefined && {
      sqliteSynchronous: options.sqliteSynchronous,
    }),
  });
  let baseUrl = options.publicUrl ?? '';
  try {
    for (const warning of await migrate(db)) log('warn', warning);
    const dispatcher = createDispatcher<unknown>({
      store: db.dispatcherStore,
      allow: options.allowTargets ?? { loopback: true, http: true },
      timeoutMs: options.deliveryTimeoutMs ?? 10_000,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      ...(options.retrySchedule !== undefined && { schedule: options.retrySchedule }),
      logger: {
        warn: (message, fields) => log('warn', message, fields),
        error: (message, fields) => log('error', message, fields),
      },
    });
    await dispatcher.ready();
    await loadAccount(db, now(), 'Hookline sandbox');
    const idempotency = createIdempotencyKeys(db);
    await idempotency.prune(now());

    const ctx: PlatformContext = {
      db,
      dispatcher,
      baseUrl: () => baseUrl,
      now,
      passwordCost: options.passwordCost ?? 16_384,
      write: createWriter(db, dispatcher, now),
    };
    const handlers: OperationHandlers = {
      ...createUserHandlers(ctx),
      ...createSessionHandlers(ctx),
      ...createAccountHandlers(ctx),
      ...createCheckoutHandlers(ctx),
      ...createPaymentHandlers(ctx),
      ...createSubscriptionHandlers(ctx),
      ...createEventHandlers(ctx),
      ...createWebhookEndpointHandlers(ctx),
      ...createDeliveryHandlers(ctx),
      ...createAnalyticsHandlers(ctx),
    };
    const app = createApp({
      handlers,
      apiKeys,
      rateLimiter: options.rateLimit === false ? null : createRateLimiter(options.rateLimit),
      idempotency,
      now,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      ...(options.onResponse && { onResponse: options.onResponse }),
      onError: (error, operationId) =>
        log('error', `unexpected error in ${operationId ?? 'a page'}`, {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
      clientIp: (_request, env) =>
        (env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress ?? null,
      pages: (hono) => {
        hono.get('/openapi.json', (c) =>
          c.body(openapiJson, 200, { 'content-type': 'application/json' }),
        );
        hono.get('/healthz', (c) => c.json({ ok: true }));
        if (options.pages === false) return;
        hono.get('/', (c) => c.html(dashboardPage(), 200, dashboardHeaders));
        const pageClient = (request: Request, env: unknown): RequestClient => ({
          ip: (env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress ?? null,
          userAgent: request.headers.get('user-agent'),
        });
        const getSession = (id: string, client: RequestClient) =>
          handlers.getCheckoutSession(
            { params: { checkout_session_id: id }, query: {}, body: undefined },
            client,
          );
        const pageError = (error: unknown) => {
          if (isPlatformError(error)) return error;
          throw error;
        };
        hono.get('/pay/:id', async (c) => {
          try {
            return c.html(
              payPage(await getSession(c.req.param('id'), pageClient(c.req.raw, c.env))),
              200,
              payPageHeaders,
            );
          } catch (error) {
            const problem = pageError(error);
            return c.text(problem.message, problem.status as 404);
          }
        });
        // The pay page's form posts here: the server pays with the test card of the button
        // pressed, through the same handler as POST /v1/checkout/sessions/{id}/pay, so the
        // browser never holds the API key.
        const payFormLimit = bodyLimit({
          maxSize: 1024,
          onError: (c) =>
            c.text('The pay form is at most 1 KiB; send only outcome=pay|decline.', 413),
        });
        hono.post('/pay/:id', payFormLimit, async (c) => {
          const id = c.req.param('id');
          const client = pageClient(c.req.raw, c.env);
          const form = new URLSearchParams(await c.req.text());
          const choice = form.get('outcome');
          if (choice !== 'pay' && choice !== 'decline') {
            return c.text('Send outcome=pay or outcome=decline as a form field.', 400);
          }
          try {
            const body = payCheckoutSessionRequestSchema.parse({
              card: {
                number: payPageCards[choice],
                exp_month: 12,
                exp_year: new Date(now()).getUTCFullYear() + 3,
                cvc: '123',
              },
            });
            const paid = await handlers.payCheckoutSession(
              { params: { checkout_session_id: id }, query: {}, body },
              client,
            );
            if (paid.payment.status === 'succeeded') {
              // Only to a web URL (a session stored before the check could hold another scheme).
              if (isWebUrl(paid.checkout_session.success_url)) {
                return c.redirect(paid.checkout_session.success_url, 303);
              }
              return c.html(
                payPage(paid.checkout_session, { ok: true, message: `Paid (${paid.payment.id}).` }),
                200,
                payPageHeaders,
              );
            }
            return c.html(
              payPage(paid.checkout_session, {
                ok: false,
                message: `Payment failed: ${paid.payment.failure_message ?? 'declined'} (${paid.payment.id})`,
              }),
              200,
              payPageHeaders,
            );
          } catch (error) {
            const problem = pageError(error);
            if (problem.code === 'not_found') return c.text(problem.message, 404);
            const session = await getSession(id, client);
            return c.html(
              payPage(session, { ok: false, message: problem.message }),
              409,
              payPageHeaders,
            );
          }
        });
      },
    });

    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    // Idle keep-alive connections outlive the clients' own idle timeouts (undici's is 4 s),
    // so a client never sends on a connection the server is closing at that moment (a reset
    // the client cannot tell from a failure). 65 s is the usual choice behind load balancers.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4010, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    baseUrl ||= url;
    await dispatcher.start();

    // Keys past their retention are deleted while the platform runs, not only at start (claim()
    // ignores an expired key, but an idle key would otherwise stay in the table forever).
    let pruning: Promise<void> | undefined;
    const pruneTimer = setInterval(
      () => {
        pruning ??= idempotency
          .prune(now())
          .catch((error: unknown) =>
            log('error', 'pruning expired idempotency keys failed', {
              error: error instanceof Error ? error.message : String(error),
            }),
          )
          .finally(() => {
            pruning = undefined;
          });
      },
      options.idempotencyPruneIntervalMs ?? 60 * 60 * 1000,
    );
    pruneTimer.unref();

    let stopping: Promise<void> | undefined;
    return {
      url,
      apiKey,
      port,
      dispatcher,
      stop: () => {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          });
          clearInterval(pruneTimer);
          await pruning;
          await dispatcher.stop();
          await db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
