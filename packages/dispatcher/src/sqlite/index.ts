/**
 * @hookline/dispatcher/sqlite — the embedded default store: one SQLite file in WAL mode
 * (libsql, or any better-sqlite3-compatible database).
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@hookline/dispatcher';
 * import { createSqliteStore } from '@hookline/dispatcher/sqlite';
 *
 * const dispatcher = createDispatcher({ store: createSqliteStore({ path: 'hookline.db' }) });
 * ```
 */
export {
  createSqliteStore,
  type SqliteDatabase,
  type SqliteStatement,
  type SqliteStoreOptions,
} from './sqlite-store.js';
