/**
 * @hookline/platform — the reference platform: the REST API of `@hookline/openapi` (users,
 * sessions, account, checkout and payments, subscriptions, events, webhook endpoints,
 * deliveries, analytics) over SQLite or Postgres, with `@hookline/dispatcher` delivering the
 * webhooks of every action from the same transaction.
 *
 * @example
 * ```ts
 * import { startPlatform } from '@hookline/platform';
 *
 * const platform = await startPlatform({ port: 0 });
 * console.log(platform.url, platform.apiKey);
 * await platform.stop();
 * ```
 */
export type { RateLimitOptions } from './http/rate-limiter.js';
export type { ResponseRecord } from './http/response-record.js';
export { isPlatformError, PlatformError, type PlatformErrorOptions } from './platform-error.js';
export {
  defaultApiKey,
  type Platform,
  type PlatformOptions,
  startPlatform,
} from './start-platform.js';
