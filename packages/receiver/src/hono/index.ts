import type { Context } from 'hono';
import type { Receiver } from '../create-receiver.js';

/** Options for {@link hooklineHono}. */
export interface HooklineHonoOptions {
  /**
   * Returns the peer address, needed for `allowIps`. Default: the Node socket address that
   * `@hono/node-server` exposes as `c.env.incoming`; on other runtimes pass e.g. Bun's
   * `server.requestIP` or Deno's `info.remoteAddr` through `c.env`.
   */
  remoteAddress?: (c: Context) => string | undefined;
}

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * A Hono handler for a receiver: passes `c.req.raw` (the untouched Web Request) through.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { hooklineHono } from '@hookline/receiver/hono'
 *
 * const app = new Hono()
 * app.post('/webhooks', hooklineHono(receiver))
 * ```
 */
export function hooklineHono(
  receiver: Receiver,
  options: HooklineHonoOptions = {},
): (c: Context) => Promise<Response> {
  const remote =
    options.remoteAddress ??
    ((c: Context) => (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress);
  return (c) => {
    const remoteAddress = remote(c);
    return receiver.fetch(c.req.raw, remoteAddress === undefined ? {} : { remoteAddress });
  };
}
