import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@hookline/client';
import { createReceiver, type Receiver } from '@hookline/receiver';
import { createSqliteStore } from '@hookline/receiver/sqlite';
import { type CatchUpReport, catchUpMissedEvents, startCursorAtNewestEvent } from './catch-up.js';
import type { CompareOptions } from './compare-delivery.js';
import { LiveUpdates } from './live-updates.js';
import { ShopError } from './shop-error.js';
import { registerShopHandlers } from './shop-handlers.js';
import { createShopHttp } from './shop-http.js';
import { ShopStore } from './shop-store.js';
import { type EndpointRegistration, ensureWebhookEndpoint } from './webhook-endpoint.js';

/** Options of {@link startShop}. */
export interface ShopOptions {
  /** The platform's base URL, e.g. `http://127.0.0.1:4010`. */
  platformUrl: string;
  /** The platform API key (`sk_test_...`). */
  apiKey: string;
  /** Port to listen on; 0 picks a free one. Default 4020. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * SQLite file for the shop's state and the receiver's inbox (one file, created if missing).
   * Default `hookline-shop.db` in the working directory.
   */
  database?: string;
  /**
   * The URL the shop is reached at (webhook endpoint and checkout return URLs); a trailing slash
   * is dropped. Default: the listening URL.
   */
  publicUrl?: string;
  /**
   * Besides the catch-up at start, pull missed events every this many ms: reconciliation for
   * deliveries that never arrive (an endpoint disabled after failures, a dead-lettered delivery).
   * 0 turns it off. Default 60 000.
   */
  catchUpIntervalMs?: number;
  /** Webhook against polling: the stand-in customer's delay and the polling interval. */
  compare?: CompareOptions;
  /** Handler retries of the receiver (see @hookline/receiver). Default: its schedule. */
  handlerRetry?: { attempts?: number; initialDelayMs?: number };
  /** Where log lines go. Default: warnings and errors to `console.error`. */
  log?: (
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
}

/** A running shop. */
export interface Shop {
  /** `http://127.0.0.1:<port>`: the page. */
  url: string;
  port: number;
  /** Where the platform delivers webhooks (`<url>/webhooks`). */
  webhookUrl: string;
  /** The registered endpoint (id, and whether it was created, reused or had its secret rotated). */
  endpoint: Omit<EndpointRegistration, 'secret'>;
  /** What the start-up catch-up pulled: new events and ones already seen. */
  catchUp: CatchUpReport;
  /** Pulls missed events now (what the periodic catch-up runs); resolves with its report. */
  catchUpNow(): Promise<CatchUpReport>;
  /** The receiver (for inspection: `inspect(id)`, `deadLetters()`). */
  receiver: Receiver;
  /** Stops accepting requests, drains the receiver's worker and closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the example shop: its page and JSON API on a loopback port, a webhook endpoint
 * registered on the platform (idempotently), the receiver's worker running the shop's handlers,
 * and a catch-up of the events missed while the shop was down.
 *
 * @example
 * ```ts
 * import { startPlatform } from '@hookline/platform';
 * import { startShop } from '@hookline/shop';
 *
 * const platform = await startPlatform({ port: 0, database: '.data/platform.db' });
 * const shop = await startShop({
 *   platformUrl: platform.url,
 *   apiKey: platform.apiKey,
 *   port: 0,
 *   database: '.data/shop.db',
 * });
 * console.log(`open ${shop.url}`);
 * await shop.stop();
 * await platform.stop();
 * ```
 */
export async function startShop(options: ShopOptions): Promise<Shop> {
  if (!options.platformUrl || !options.apiKey) {
    throw new ShopError(
      'invalid_options',
      'startShop() needs `platformUrl` and `apiKey`: the platform the shop integrates with. Start it with startPlatform() and pass its url and apiKey.',
    );
  }
  const log =
    options.log ??
    ((level, message, fields) => {
      if (level !== 'info') console.error(`[hookline-shop] ${message}`, fields ?? '');
    });
  const store = new ShopStore(options.database ?? 'hookline-shop.db');
  const client = createClient({
    baseUrl: options.platformUrl,
    apiKey: options.apiKey,
    headers: { 'user-agent': 'hookline-example-shop/0.0.0' },
  });
  const live = new LiveUpdates();
  // Paths are appended to it (`/webhooks`, `/?order=…`): `https://shop.example/` would give `//`.
  let shopUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  let receiver: Receiver | undefined;
  let endpoint: EndpointRegistration | undefined;
  let catchUp: CatchUpReport | undefined;
  let catchUpNow: (() => Promise<CatchUpReport>) | undefined;

  const http = createShopHttp({
    store,
    client,
    live,
    shopUrl: () => shopUrl,
    platformUrl: options.platformUrl,
    compare: options.compare ?? {},
    receiver: () => receiver,
    endpoint: () => endpoint,
    lastCatchUp: () => catchUp,
    catchUpNow: () => catchUpNow?.(),
  });
  const server = createServer((req, res) => {
    // handle() answers its own errors; this catches what escapes it, so no request can take the
    // process down with an unhandled rejection.
    http.handle(req, res).catch((error: unknown) => {
      log('error', 'request handler failed', {
        method: req.method,
        url: req.url,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            error: { code: 'internal', message: 'Something went wrong in the shop.' },
          }),
        );
      } else {
        res.end();
      }
    });
  });
  const closeServer = () =>
    new Promise<void>((resolve) => {
      http.closeStreams();
      server.close(() => resolve());
      server.closeIdleConnections();
    });

  try {
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4020, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    shopUrl ||= url;
    const webhookUrl = `${shopUrl}/webhooks`;

    endpoint = await ensureWebhookEndpoint(client, store, webhookUrl, {
      // Taken before the endpoint exists: an event published in between is pulled (at most
      // handled), never skipped.
      beforeCreate: () => startCursorAtNewestEvent(client, store),
    });
    log('info', `webhook endpoint ${endpoint.id} ${endpoint.outcome}`, { url: webhookUrl });
    const ready = createReceiver({
      secret: endpoint.secret,
      store: createSqliteStore({ database: store.db }),
      ...(options.handlerRetry && { retry: options.handlerRetry }),
      worker: { pollIntervalMs: 250 },
      logger: {
        warn: (message, fields) => log('warn', message, fields),
        error: (message, fields) => log('error', message, fields),
      },
    });
    registerShopHandlers(ready, { store, client, live });
    ready.start();
    receiver = ready;

    // One catch-up at a time: a periodic one waits for (and shares) the one running.
    let running: Promise<CatchUpReport> | undefined;
    catchUpNow = () => {
      running ??= catchUpMissedEvents(client, ready, store)
        .then((report) => {
          catchUp = report;
          if (report.new > 0 || report.duplicate > 0) {
            live.publish({ kind: 'catch_up', new: report.new, duplicate: report.duplicate });
          }
          log('info', 'caught up', { ...report });
          return report;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    };
    const pullNow = catchUpNow;
    let startReport: CatchUpReport;
    try {
      startReport = await pullNow();
    } catch (error) {
      await ready.stop();
      throw error;
    }
    const intervalMs = options.catchUpIntervalMs ?? 60_000;
    const timer =
      intervalMs > 0
        ? setInterval(() => {
            pullNow().catch((error: unknown) =>
              log('warn', 'periodic catch-up failed; the next one retries', {
                error: error instanceof Error ? error.message : String(error),
              }),
            );
          }, intervalMs)
        : undefined;
    timer?.unref();

    let stopping: Promise<void> | undefined;
    const { secret: _secret, ...publicEndpoint } = endpoint;
    return {
      url,
      port,
      webhookUrl,
      endpoint: publicEndpoint,
      catchUp: startReport,
      catchUpNow: pullNow,
      receiver: ready,
      stop: () => {
        stopping ??= (async () => {
          clearInterval(timer);
          await closeServer();
          await running?.catch(() => {});
          await ready.stop();
          store.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await closeServer();
    store.close();
    throw error;
  }
}
