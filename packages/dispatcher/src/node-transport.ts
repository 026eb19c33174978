import type { LookupFunction } from 'node:net';
import { Pool } from 'undici';
import { type DeliveryTransport, decodeExcerpt, type TransportRequest } from './transport.js';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Certificate authorities to trust instead of Node's bundled ones (PEM), e.g. a private CA. */
  ca?: string | readonly string[];
  /** Keep-alive connections per endpoint origin and address. Default 256. */
  connections?: number;
}

/** Bodies longer than this are not drained for connection reuse; the connection is dropped. */
const maxDrainBytes = 64 * 1024;
/** Connection pools kept (one per origin and checked address); the least recently used is closed beyond. */
const maxPools = 1024;

/**
 * The default transport, on undici (the HTTP/1.1 client Node's own `fetch` is built on):
 * keep-alive pools, each connecting only to the address the policy checked (a pinned
 * `lookup`, so DNS rebinding cannot move a connection), never following redirects, bounded by
 * one overall timeout per attempt. TLS verifies the certificate against the URL's host name
 * (SNI), not the address. Call `close()` when done (the dispatcher's `stop()` does).
 */
export function createNodeTransport(
  options: NodeTransportOptions = {},
): DeliveryTransport & { close(): void } {
  const pools = new Map<string, Pool>();
  const ca = options.ca === undefined ? {} : { ca: [options.ca].flat() };

  const poolFor = (url: URL, addresses: TransportRequest['addresses']): Pool => {
    const key = `${url.origin} ${addresses.map((a) => a.address).join(' ')}`;
    let pool = pools.get(key);
    if (pool) {
      // Most recently used last: eviction takes the pool idle the longest.
      pools.delete(key);
      pools.set(key, pool);
      return pool;
    }
    // Node asks for every address when it may try several (autoSelectFamily, on below when
    // there are several): it then connects to the first that accepts, in this order.
    const pinned: LookupFunction = (_host, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: TransportRequest['addresses']) => void)(
          null,
          addresses,
        );
      } else {
        const [first] = addresses;
        callback(null, first!.address, first!.family);
      }
    };
    pool = new Pool(url.origin, {
      connections: options.connections ?? 256,
      connect: { lookup: pinned, autoSelectFamily: addresses.length > 1, ...ca },
    });
    if (pools.size >= maxPools) {
      const [oldest, evicted] = pools.entries().next().value as [string, Pool];
      pools.delete(oldest);
      void evicted.close().catch(() => {});
    }
    pools.set(key, pool);
    return pool;
  };

  const send: DeliveryTransport = (req) =>
    new Promise((resolve, reject) => {
      let status = 0;
      let retryAfter: string | null = null;
      const chunks: Buffer[] = [];
      let seen = 0;
      let abort: ((error: Error) => void) | undefined;
      let settled = false;
      let timedOut: Error | undefined;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve({ status, retryAfter, excerpt: decodeExcerpt(chunks, req.excerptBytes) });
      };
      const timer = setTimeout(() => {
        timedOut = Object.assign(new Error(`no response within ${req.timeoutMs} ms`), {
          code: 'ETIMEDOUT',
        });
        if (abort) abort(timedOut);
        else finish(timedOut);
      }, req.timeoutMs);
      /** Set when the body outgrew maxDrainBytes: the answer is complete enough to keep. */
      let dropped = false;
      poolFor(req.url, req.addresses).dispatch(
        {
          origin: req.url.origin,
          path: `${req.url.pathname}${req.url.search}`,
          method: 'POST',
          headers: req.headers,
          body: req.body,
          // The overall timer above bounds the attempt; these only keep undici out of its way.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        {
          onConnect(abortRequest) {
            abort = abortRequest;
            if (timedOut) abortRequest(timedOut);
          },
          onHeaders(statusCode, headers) {
            // 1xx informational answers (103 Early Hints…) precede the real one.
            if (statusCode < 200) return true;
            status = statusCode;
            for (let i = 0; i + 1 < headers.length; i += 2) {
              if (String(headers[i]).toLowerCase() === 'retry-after') {
                retryAfter = String(headers[i + 1]);
              }
            }
            return true;
          },
          onData(chunk) {
            if (seen < req.excerptBytes) chunks.push(chunk);
            seen += chunk.byteLength;
            if (seen > maxDrainBytes && !dropped) {
              dropped = true;
              abort?.(new Error('response body too long to drain'));
            }
            return true;
          },
          onComplete() {
            finish();
          },
          onError(error) {
            finish(dropped && !timedOut ? undefined : error);
          },
        },
      );
    });

  return Object.assign(send, {
    close() {
      for (const pool of pools.values()) void pool.destroy().catch(() => {});
      pools.clear();
    },
  });
}
