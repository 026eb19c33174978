/**
 * @hookline/shop — the example integration: a small store with sign-in that calls the platform
 * API with `@hookline/client` (users, sessions, checkout sessions, subscriptions, webhook
 * endpoints, events) and acts on the platform's webhooks with `@hookline/receiver`, catching up
 * on what it missed while it was down.
 *
 * @example
 * ```ts
 * import { startPlatform } from '@hookline/platform';
 * import { startShop } from '@hookline/shop';
 *
 * const platform = await startPlatform({ port: 0, database: 'platform.db' });
 * const shop = await startShop({ platformUrl: platform.url, apiKey: platform.apiKey, port: 0, database: 'shop.db' });
 * console.log(`open ${shop.url}`);
 * ```
 */

export { type Product, products } from './catalog.js';
export type { CatchUpReport } from './catch-up.js';
export type { CompareOptions, CompareResult, CompareSide } from './compare-delivery.js';
export type { ShopChange } from './live-updates.js';
export { isShopError, ShopError, type ShopErrorCode, type ShopErrorOptions } from './shop-error.js';
export { type Shop, type ShopOptions, startShop } from './start-shop.js';
export { type EndpointRegistration, shopEvents } from './webhook-endpoint.js';
