/**
 * @hookline/dispatcher/postgres — the store for several dispatcher processes on several
 * machines: claims use `FOR UPDATE SKIP LOCKED` and leases (needs the optional peer `pg`).
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@hookline/dispatcher';
 * import { createPostgresStore } from '@hookline/dispatcher/postgres';
 *
 * const dispatcher = createDispatcher({
 *   store: createPostgresStore({ connectionString: 'postgres://localhost/app' }),
 * });
 * ```
 */
export {
  createPostgresStore,
  type PostgresQueryable,
  type PostgresStoreOptions,
} from './postgres-store.js';
