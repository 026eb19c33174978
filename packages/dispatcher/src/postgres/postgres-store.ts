import { createHash } from 'node:crypto';
import { type BatchOutcome, createGroupCommit } from '@hookline/internal';
import pg from 'pg';
import { checkedNumber, maxTimerMs } from '../checked-number.js';
import { createId } from '../create-id.js';
import { DispatcherError } from '../dispatcher-error.js';
import { patchedEndpoint } from '../endpoint-patch.js';
import { type FanOutTarget, pageSize, planDeliveries } from '../fan-out.js';
import type {
  AttemptRecord,
  DeliveryNext,
  DeliveryRecord,
  DeliveryStatus,
  StoredEvent,
} from '../records.js';
import { remember } from '../remember.js';
import {
  type AttemptRow,
  attemptFromRow,
  attemptsByDelivery,
  countDeliveriesStatement,
  type DeliveryCountRow,
  type DeliveryRow,
  deliveryCountFromRow,
  deliveryFromRow,
  type EndpointRow,
  type EventRow,
  endpointColumns,
  endpointFromRow,
  endpointToRow,
  eventFromRow,
  failureRunStatement,
  failureRuns,
  heldBack,
  listDeliveriesStatement,
  notInFlight,
  outcomeAssignments,
  recordedOutcome,
  requeueStatement,
  tableNames,
} from '../sql/sql-shared.js';
import type { DispatcherStore, RecordedOutcome } from '../store.js';

/** Something that runs a query: a `pg.Pool`, `pg.Client` or `pg.PoolClient`. */
export interface PostgresQueryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** Options of {@link createPostgresStore}. */
export type PostgresStoreOptions = {
  /** Prefix of the four tables. Default `hookline_`. */
  tablePrefix?: string;
  /**
   * Run the hot statements (publishes, attempt outcomes) as named prepared statements, parsed
   * and planned once per connection. Default true. Set false behind a pooler that does not
   * keep them (PgBouncer in transaction mode before 1.21, or without `max_prepared_statements`).
   */
  prepareStatements?: boolean;
  /**
   * How long deleting or disabling an endpoint waits for publishes whose transactions are
   * still open (a `publish(event, { tx })` holds the endpoints steady until that transaction
   * ends), in ms. Then it fails with `store_failed` and changes nothing. Default 30000.
   */
  endpointLockTimeoutMs?: number;
} & (
  | {
      /** A pool the application owns (the store does not end it). */
      pool: pg.Pool;
      connectionString?: undefined;
    }
  | {
      /** Connection string; the store opens (and on `close`, ends) its own pool. */
      connectionString: string;
      /** Pool size when the store opens the pool. Default 10. */
      max?: number;
      pool?: undefined;
    }
);

/**
 * The store for more than one machine: many dispatcher processes share one Postgres and claim
 * due deliveries with `FOR UPDATE SKIP LOCKED` plus a lease, so no delivery is attempted by
 * two workers at once.
 *
 * `publish(event, { tx: client })` joins the caller's transaction on a `PoolClient` that is
 * between `BEGIN` and `COMMIT`.
 *
 * @example
 * ```ts
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * const dispatcher = createDispatcher({ store });
 * const client = await pool.connect();
 * await client.query('BEGIN');
 * await client.query('UPDATE orders SET paid = true WHERE id = $1', [orderId]);
 * await dispatcher.publish(event, { tx: client });
 * await client.query('COMMIT');
 * client.release();
 * ```
 */
export function createPostgresStore(
  options: PostgresStoreOptions,
): DispatcherStore<PostgresQueryable> {
  const t = tableNames(options.tablePrefix ?? 'hookline_');
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  const ownsPool = options.pool === undefined;
  // An idle connection that the server closes (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  if (ownsPool) pool.on('error', () => {});
  let initialised: Promise<void> | undefined;
  /** Taken by a claim only while some enabled endpoint is ordered (see `claimDue`). */
  const orderedClaimLock = `SELECT pg_advisory_xact_lock(${advisoryKey(`${t.deliveries} ordered claims`)}) WHERE EXISTS (SELECT 1 FROM ${t.endpoints} WHERE ordered AND enabled)`;
  /**
   * The publish fence. A publish reads the enabled endpoints and plans deliveries to them in
   * its own transaction (the caller's, with `tx`); a delete or disable that committed in
   * between could not see those deliveries, and would leave one to an endpoint that no longer
   * exists, or pending on a disabled one. So publishes hold this advisory lock shared (they
   * never wait for each other) from before they read the endpoints to their commit, and
   * deleting or disabling an endpoint takes it exclusively first: it waits for publishes in
   * flight to commit, and later publishes read the endpoints after it committed.
   */
  const publishFence = advisoryKey(`${t.deliveries} publish fence`);
  /** How long one turn of waiting for the fence may hold up publishes (see `fencePublishes`). */
  const fenceTurnMs = 50;
  const fenceWaitMs = checkedNumber(
    'endpointLockTimeoutMs',
    options.endpointLockTimeoutMs,
    30_000,
    {
      min: 1,
      max: maxTimerMs,
      integer: true,
    },
  );
  /**
   * Takes the publish fence exclusively (see above), waiting at most `fenceWaitMs`. Postgres
   * queues later shared requests behind a waiting exclusive one, so waiting in its queue for an
   * open publish transaction would stall every other publish as long: it waits in short turns
   * instead (a savepoint undoes each timed-out try) and steps out of the queue in between.
   */
  const fencePublishes = async (client: pg.PoolClient, what: string) => {
    const deadline = performance.now() + fenceWaitMs;
    // The session's own lock_timeout (an application may SET it on connect) is put back after
    // the fence: `SET LOCAL ... = DEFAULT` would give the server's default instead.
    const { rows } = await client.query<{ previous: string }>(
      "SELECT current_setting('lock_timeout') AS previous",
    );
    const previous = rows[0]!.previous;
    for (let turn = 0; ; turn++) {
      const left = Math.ceil(deadline - performance.now());
      await client.query(
        `SAVEPOINT hookline_fence; SET LOCAL lock_timeout = ${Math.max(1, Math.min(fenceTurnMs, left))}`,
      );
      try {
        await client.query(`SELECT pg_advisory_xact_lock(${publishFence})`);
        // The rest of the transaction waits for locks as the session would.
        await client.query('RELEASE SAVEPOINT hookline_fence');
        await client.query("SELECT set_config('lock_timeout', $1, true)", [previous]);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== '55P03') throw error;
        await client.query(
          'ROLLBACK TO SAVEPOINT hookline_fence; RELEASE SAVEPOINT hookline_fence',
        );
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw new DispatcherError(
          'store_failed',
          `Postgres store: ${what} waited ${fenceWaitMs} ms (endpointLockTimeoutMs) for publishes whose transactions are still open, and changed nothing; a publish({ tx }) holds the endpoints until its transaction commits or rolls back. End those transactions sooner, then try again.`,
        );
      }
      // Out of the queue for a while: publishes go on meanwhile.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(fenceTurnMs * (turn + 1), 200, remaining)),
      );
    }
  };
  // Lower case: LISTEN folds an unquoted name to lower case, pg_notify does not.
  const channel = `${options.tablePrefix ?? 'hookline_'}outbox`.toLowerCase();

  const schema = `
    CREATE TABLE IF NOT EXISTS ${t.events} (
      id TEXT PRIMARY KEY, event TEXT NOT NULL, version INTEGER NOT NULL, timestamp TEXT NOT NULL,
      resource_id TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.endpoints} (
      id TEXT PRIMARY KEY, url TEXT NOT NULL, description TEXT NOT NULL, secrets TEXT NOT NULL,
      enabled_events TEXT NOT NULL, versions TEXT NOT NULL, ordered BOOLEAN NOT NULL,
      enabled BOOLEAN NOT NULL, disabled_reason TEXT, disabled_at BIGINT, failing_since BIGINT,
      created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
    -- fillfactor 70: room on each page, so the lease a claim writes (no indexed column changes)
    -- is a HOT update instead of a new entry in each of the table's five indexes.
    CREATE TABLE IF NOT EXISTS ${t.deliveries} (
      seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL, event_type TEXT NOT NULL, resource_id TEXT NOT NULL,
      status TEXT NOT NULL, version INTEGER, attempts INTEGER NOT NULL, next_attempt_at BIGINT,
      last_status_code INTEGER, last_error TEXT, created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL, lease_token TEXT, lease_expires_at BIGINT) WITH (fillfactor = 70);
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_due ON ${t.deliveries} (next_attempt_at, seq) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_order ON ${t.deliveries} (endpoint_id, resource_id, seq);
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_event ON ${t.deliveries} (event_id);
    CREATE TABLE IF NOT EXISTS ${t.attempts} (
      id BIGSERIAL PRIMARY KEY, delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL,
      started_at BIGINT NOT NULL, duration_ms INTEGER NOT NULL, status_code INTEGER,
      response_excerpt TEXT, error TEXT, outcome TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${t.attempts}_delivery ON ${t.attempts} (delivery_id);
  `;

  /** Connections this store checked out of its pool (never a caller's transaction handle). */
  const owned = new WeakSet<object>();
  /**
   * Runs a hot-path statement. On the store's own connections it is a named prepared statement
   * (parsed and planned once per connection, ~15 % less server CPU per delivery measured); a
   * caller's transaction handle gets the plain `query(text, values)` its interface promises.
   */
  const query = <R extends pg.QueryResultRow>(
    db: PostgresQueryable,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> => {
    if (!prepare || !owned.has(db)) return db.query<R>(text, values);
    // The name is the text's hash: the same statement gets the same name in every store
    // sharing a pool, different statements never share one (63 bytes at most).
    const name = remember(
      statementNames,
      text,
      () => `hookline_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`,
    );
    return (db as pg.PoolClient).query<R>({ name, text, values });
  };
  const prepare = options.prepareStatements ?? true;
  /** Statement texts come from this file (a handful of shapes), so the map stays small. */
  const statementNames = new Map<string, string>();

  /**
   * Runs `fn` in a transaction. `durable: false` is for the worker's bookkeeping (leases and
   * attempt outcomes): its COMMIT does not wait for the WAL flush (`synchronous_commit = off`,
   * still atomic and consistent). A server crash can at worst forget the last outcomes, and
   * those deliveries go out again with the same webhook-id (at-least-once, as after any crash);
   * publishes and endpoint changes always wait for the flush: a session whose level is `off`
   * (set for the server, database or role) is raised to `local` for them, and any stronger
   * level (`on`, `remote_write`, `remote_apply`) is kept.
   */
  const beginDurable = `BEGIN; SELECT set_config('synchronous_commit', 'local', true) WHERE current_setting('synchronous_commit') = 'off'`;
  /** SQLSTATEs of a transaction Postgres aborted that can simply run again. */
  const retryable = new Set(['40P01', '40001']);
  const transaction = async <T>(
    fn: (client: pg.PoolClient) => Promise<T>,
    durable = true,
  ): Promise<T> => {
    for (let round = 1; ; round++) {
      const client = await pool.connect();
      owned.add(client);
      try {
        await client.query(durable ? beginDurable : 'BEGIN; SET LOCAL synchronous_commit = off');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        // Postgres aborted this transaction to break a deadlock (or a serialization conflict):
        // nothing of it was kept, so it runs again. Endpoint changes and attempt outcomes lock
        // an endpoint and its deliveries in opposite orders, which can deadlock.
        if (round < 3 && retryable.has((error as { code?: unknown }).code as string)) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  };

  // The schema is created in one transaction and this index is its last object: when it
  // exists, everything does. Checking first matters: CREATE INDEX IF NOT EXISTS still takes a
  // SHARE lock on the table, which deadlocks against other processes' running deliveries.
  const schemaExists = async (db: PostgresQueryable) =>
    (
      await db.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
        `${t.attempts}_delivery`,
      ])
    ).rows[0]?.found != null;

  const init = () => {
    initialised ??= (async () => {
      if (await schemaExists(pool)) return;
      await transaction(async (client) => {
        // Many processes may start at once; CREATE ... IF NOT EXISTS alone races on the catalog.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hookline:${t.events}`]);
        if (!(await schemaExists(client))) await client.query(schema);
      });
    })().catch((error: unknown) => {
      initialised = undefined;
      throw error;
    });
    return initialised;
  };

  const run = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      await init();
      return await fn();
    } catch (error) {
      if (error instanceof DispatcherError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new DispatcherError('store_failed', `Postgres store: ${what} failed: ${message}`, {
        cause: error,
      });
    }
  };

  /**
   * Writes a batch of events and their deliveries with a handful of statements (whatever the
   * batch size) inside the transaction open on `db`. An id that already exists (or repeats
   * within the batch) fails that item only.
   */
  const insertEventsWith = async (
    db: PostgresQueryable,
    items: readonly { event: StoredEvent; target: FanOutTarget | undefined }[],
  ): Promise<BatchOutcome<{ deliveries: number }>[]> => {
    const events = items.map((item) => item.event);
    // The insert takes the publish fence (shared, once: an uncorrelated subquery runs once),
    // so the endpoints are read below, in a statement of their own, only after it is held.
    const inserted = await query<{ id: string; isolation: string }>(
      db,
      `INSERT INTO ${t.events} (id, event, version, timestamp, resource_id, payload, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[])
       WHERE (SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(${publishFence})) AS fence) = 1
       ON CONFLICT (id) DO NOTHING RETURNING id, current_setting('transaction_isolation') AS isolation`,
      [
        events.map((e) => e.id),
        events.map((e) => e.event),
        events.map((e) => e.version),
        events.map((e) => e.timestamp),
        events.map((e) => e.resourceId),
        events.map((e) => e.payload),
        events.map((e) => e.createdAt),
      ],
    );
    const fresh = new Set(inserted.rows.map((r) => r.id));
    // The fence works for READ COMMITTED, where this read takes a fresh snapshot. A caller's
    // REPEATABLE READ or SERIALIZABLE transaction reads the endpoints as they were when it
    // began: locking the rows makes a delete committed since then a serialization failure
    // (40001) instead of a delivery planned to an endpoint that no longer exists.
    // KEY SHARE: it conflicts with a DELETE only, not with the worker's updates of an endpoint
    // (failure runs), which must neither fail such a publish nor wait for its transaction. An
    // endpoint disabled, enabled or created after the snapshot is seen as it was then.
    const snapshotted = inserted.rows.some((r) => r.isolation !== 'read committed');
    const endpoints = (
      await query<EndpointRow>(
        db,
        `SELECT * FROM ${t.endpoints} WHERE enabled${snapshotted ? ' FOR KEY SHARE' : ''}`,
        [],
      )
    ).rows.map(endpointFromRow);
    const planned: DeliveryRecord[] = [];
    const outcomes = items.map(({ event, target }): BatchOutcome<{ deliveries: number }> => {
      if (!fresh.delete(event.id)) {
        return {
          ok: false,
          error: new DispatcherError(
            'invalid_event',
            `An event with id ${event.id} was already published; event ids must be unique.`,
          ),
        };
      }
      const deliveries = planDeliveries(event, endpoints, target);
      planned.push(...deliveries);
      return { ok: true, value: { deliveries: deliveries.length } };
    });
    if (planned.length > 0) {
      await query(
        db,
        `INSERT INTO ${t.deliveries} (id, event_id, endpoint_id, event_type, resource_id, status, version, attempts, next_attempt_at, created_at, updated_at)
         SELECT id, event_id, endpoint_id, event_type, resource_id, 'pending', version, 0, next_at, created, created
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::int[])
           AS v(id, event_id, endpoint_id, event_type, resource_id, next_at, created, version)`,
        [
          planned.map((d) => d.id),
          planned.map((d) => d.eventId),
          planned.map((d) => d.endpointId),
          planned.map((d) => d.eventType),
          planned.map((d) => d.resourceId),
          planned.map((d) => d.nextAttemptAt),
          planned.map((d) => d.createdAt),
          planned.map((d) => d.version),
        ],
      );
      // Delivered to listening workers when (and only if) the surrounding transaction commits.
      await query(db, 'SELECT pg_notify($1, $2)', [channel, '']);
    }
    return outcomes;
  };

  /**
   * Records a batch of attempts in the transaction open on `client`: the log rows and the
   * lease-checked delivery updates in one statement each, then each endpoint's failure run
   * (endpoints in id order, so concurrent batches lock them in the same order).
   */
  const recordAttemptsWith = async (
    client: PostgresQueryable,
    inputs: readonly RecordInput[],
  ): Promise<BatchOutcome<RecordedOutcome>[]> => {
    const attempts = inputs.map((i) => i.attempt);
    if (new Set(attempts.map((a) => a.deliveryId)).size !== attempts.length) {
      // One UPDATE moves a row once: two outcomes of a delivery would both look recorded. The
      // group commit then records them one by one (see `batched`).
      throw new SplitBatch(
        'one delivery has two outcomes in this batch; recording them one by one',
      );
    }
    // One round trip: the log rows (a data-modifying CTE) and the lease-checked updates.
    const updated = await query<{
      id: string;
      endpoint_id: string;
      token: string;
      status: DeliveryStatus;
    }>(
      client,
      `WITH logged AS (
         INSERT INTO ${t.attempts} (delivery_id, attempt, started_at, duration_ms, status_code, response_excerpt, error, outcome)
         SELECT * FROM unnest($1::text[], $8::int[], $9::bigint[], $10::int[], $5::int[], $11::text[], $6::text[], $12::text[]))
       UPDATE ${t.deliveries} d SET ${outcomeAssignments(t.endpoints, 'd')},
         attempts = d.attempts + 1,
         last_status_code = v.code, last_error = v.err, updated_at = v.now, lease_token = NULL, lease_expires_at = NULL
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::text[], $7::bigint[])
         AS v(id, token, status, next_at, code, err, now)
       WHERE d.id = v.id AND d.lease_token = v.token AND d.status = 'pending'
       RETURNING d.id, d.endpoint_id, v.token, d.status`,
      [
        attempts.map((a) => a.deliveryId),
        inputs.map((i) => i.leaseToken),
        inputs.map((i) => i.next.status),
        inputs.map((i) => (i.next.status === 'pending' ? i.next.nextAttemptAt : null)),
        attempts.map((a) => a.statusCode),
        attempts.map((a) => a.error),
        inputs.map((i) => i.now),
        attempts.map((a) => a.attempt),
        attempts.map((a) => a.startedAt),
        attempts.map((a) => a.durationMs),
        attempts.map((a) => a.responseExcerpt),
        attempts.map((a) => a.outcome),
      ],
    );
    // Keyed by delivery and lease: of two outcomes for one delivery (a stale lease beside a
    // fresh one) only the one whose lease held is recorded.
    const recorded = new Map(updated.rows.map((r) => [`${r.id} ${r.token}`, r.status]));
    const endpointOf = new Map(updated.rows.map((r) => [r.id, r.endpoint_id]));
    const missing = attempts.filter((a) => !endpointOf.has(a.deliveryId)).map((a) => a.deliveryId);
    if (missing.length > 0) {
      const { rows } = await query<{ id: string; endpoint_id: string }>(
        client,
        `SELECT id, endpoint_id FROM ${t.deliveries} WHERE id = ANY($1)`,
        [missing],
      );
      for (const row of rows) endpointOf.set(row.id, row.endpoint_id);
    }
    // Per endpoint, in attempt order: a success ends the failure run, a failure starts one
    // (endpoints in id order, so concurrent batches lock them in the same order).
    const runs = failureRuns(attempts, (id) => endpointOf.get(id));
    const failingSince = new Map<string, number | null>();
    for (const endpointId of [...runs.keys()].sort()) {
      const { sql, params } = failureRunStatement(
        t.endpoints,
        endpointId,
        runs.get(endpointId)!,
        (n) => `$${n}`,
      );
      const { rows } = await query<{ failing_since: string | null }>(client, sql, params);
      const since = rows[0]?.failing_since;
      failingSince.set(endpointId, since === undefined || since === null ? null : Number(since));
    }
    return attempts.map((a, i) => {
      const endpointId = endpointOf.get(a.deliveryId);
      const value = recordedOutcome(
        a,
        recorded.get(`${a.deliveryId} ${inputs[i]!.leaseToken}`),
        endpointId === undefined ? undefined : failingSince.get(endpointId),
      );
      return { ok: true, value };
    });
  };

  /**
   * Group commit on the store's pool: one transaction per batch; `durable` ones wait for the
   * WAL flush (see `transaction`).
   */
  const batched = <I, O>(
    what: string,
    durable: boolean,
    fn: (client: PostgresQueryable, items: readonly I[]) => Promise<BatchOutcome<O>[]>,
  ) =>
    createGroupCommit<I, O>(async (items) => {
      const once = (batch: readonly I[]) =>
        run(what, () => transaction((client) => fn(client, batch), durable));
      try {
        return await once(items);
      } catch (error) {
        if (items.length === 1 || !oneItemsFault(error)) throw error;
        // One bad item (a value Postgres refuses, say) fails the statement for the whole batch:
        // run each on its own, in order, so only that item fails. (Not for a lost connection
        // or a timeout: one by one would only multiply the load on a struggling database.)
        const outcomes: BatchOutcome<O>[] = [];
        for (const item of items) {
          outcomes.push(
            await once([item]).then(
              ([outcome]) => outcome ?? { ok: false, error: new Error('no outcome') },
              (itemError: unknown) => ({ ok: false, error: itemError }),
            ),
          );
        }
        return outcomes;
      }
    });

  const insertEventBatched = batched('publish', true, insertEventsWith);
  const recordAttemptBatched = batched('recordAttempt', false, recordAttemptsWith);

  const unwrap = async <O>(outcomes: Promise<BatchOutcome<O>[]>): Promise<O> => {
    const [outcome] = await outcomes;
    if (!outcome?.ok) throw outcome?.error;
    return outcome.value;
  };

  const getEndpoint = async (db: PostgresQueryable, id: string, lock = false) => {
    const { rows } = await db.query<EndpointRow>(
      `SELECT * FROM ${t.endpoints} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] && endpointFromRow(rows[0]);
  };

  return {
    kind: 'postgres',
    init,
    insertEvent: (event, tx, target) => {
      if (tx === undefined) return insertEventBatched({ event, target });
      // A pool runs each statement on whichever connection is free, each in a transaction of
      // its own: the event and its deliveries would not commit together with the caller's work.
      if ('totalCount' in tx && 'idleCount' in tx) {
        return Promise.reject(
          new DispatcherError(
            'transaction_unsupported',
            'publish({ tx }) got a pg Pool; pass the PoolClient your transaction runs on (const client = await pool.connect(); await client.query("BEGIN"); ... publish(event, { tx: client })).',
          ),
        );
      }
      return run('publish', async () => {
        try {
          return await unwrap(insertEventsWith(tx, [{ event, target }]));
        } catch (error) {
          if ((error as { code?: unknown }).code !== '40001') throw error;
          throw new DispatcherError(
            'store_failed',
            'Postgres store: publish failed: an endpoint was deleted after your REPEATABLE READ or SERIALIZABLE transaction began, so the deliveries it would plan are out of date; roll back and retry the transaction.',
            { cause: error },
          );
        }
      });
    },
    serverTime: () =>
      run('serverTime', async () => {
        const { rows } = await pool.query<{ now: string }>(
          'SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint AS now',
        );
        return Number(rows[0]!.now);
      }),
    getEvent: (id) =>
      run('getEvent', async () => {
        const { rows } = await pool.query<EventRow>(`SELECT * FROM ${t.events} WHERE id = $1`, [
          id,
        ]);
        return rows[0] && eventFromRow(rows[0]);
      }),
    createEndpoint: (endpoint) =>
      run('createEndpoint', async () => {
        const row = endpointToRow(endpoint);
        // In a durable transaction: it waits for the flush even where synchronous_commit is off.
        const result = await transaction((client) =>
          client.query(
            `INSERT INTO ${t.endpoints} (${endpointColumns.join(', ')}) VALUES (${endpointColumns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
            endpointColumns.map((c) => row[c]),
          ),
        );
        if (result.rowCount === 0) {
          throw new DispatcherError(
            'invalid_endpoint',
            `Endpoint ${endpoint.id} already exists; update it instead.`,
          );
        }
      }),
    updateEndpoint: (id, patch, now) =>
      run('updateEndpoint', () =>
        transaction(async (client) => {
          const current = await getEndpoint(client, id, true);
          if (!current) return undefined;
          const next = patchedEndpoint(current, patch, now);
          const row = endpointToRow(next);
          const columns = endpointColumns.filter((c) => c !== 'id');
          await client.query(
            `UPDATE ${t.endpoints} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
            [id, ...columns.map((c) => row[c])],
          );
          return next;
        }),
      ),
    getEndpoint: (id) => run('getEndpoint', () => getEndpoint(pool, id)),
    listEndpoints: () =>
      run('listEndpoints', async () =>
        (
          await pool.query<EndpointRow>(`SELECT * FROM ${t.endpoints} ORDER BY created_at, id`)
        ).rows.map(endpointFromRow),
      ),
    deleteEndpoint: (id) =>
      run('deleteEndpoint', () =>
        transaction(async (client) => {
          await fencePublishes(client, 'deleteEndpoint');
          await client.query(
            `DELETE FROM ${t.attempts} WHERE delivery_id IN (SELECT id FROM ${t.deliveries} WHERE endpoint_id = $1)`,
            [id],
          );
          await client.query(`DELETE FROM ${t.deliveries} WHERE endpoint_id = $1`, [id]);
          const result = await client.query(`DELETE FROM ${t.endpoints} WHERE id = $1`, [id]);
          return (result.rowCount ?? 0) > 0;
        }),
      ),
    disableEndpoint: (id, reason, now) =>
      run('disableEndpoint', () =>
        transaction(async (client) => {
          await fencePublishes(client, 'disableEndpoint');
          const changed = await client.query(
            `UPDATE ${t.endpoints} SET enabled = false, disabled_reason = $2, disabled_at = $3, updated_at = $3 WHERE id = $1 AND enabled`,
            [id, reason, now],
          );
          if (changed.rowCount === 0) return { changed: false, deadLettered: 0 };
          const dead = await client.query(
            `UPDATE ${t.deliveries} SET status = 'failed', next_attempt_at = NULL, last_error = $2, updated_at = $3, lease_token = NULL, lease_expires_at = NULL WHERE endpoint_id = $1 AND status = 'pending' AND ${notInFlight('$3')}`,
            [id, `endpoint disabled (${reason})`, now],
          );
          return { changed: true, deadLettered: dead.rowCount ?? 0 };
        }),
      ),
    // With an ordered endpoint, claims take turns (a transaction-scoped advisory lock, in a
    // statement of its own so that the claim's snapshot is taken after it): the ordering rule
    // reads other workers' leases, and an uncommitted one is invisible — two workers could
    // each lease a delivery of one resource. Without ordered endpoints claims run side by side.
    claimDue: ({ now, limit, leaseMs }) =>
      run('claimDue', async () => {
        if (!(limit > 0)) return [];
        const token = createId('lease', now);
        // Inlined into one simple-protocol query (one round trip for the whole transaction):
        // only integers and our own [0-9A-Z_] token, checked here.
        const numbers = [now, limit, now + leaseMs];
        if (!numbers.every(Number.isSafeInteger) || !/^[0-9A-Za-z_]+$/.test(token)) {
          throw new RangeError('claimDue got a non-integer time or limit');
        }
        // The due index gives the order; without enable_sort = off, a planner with stale
        // statistics (a fresh or fast-growing table) sorts the whole backlog on every claim.
        const client = await pool.connect();
        let results: pg.QueryResult[];
        try {
          results = (await client.query(
            `BEGIN; SET LOCAL enable_sort = off; SET LOCAL synchronous_commit = off;
           ${orderedClaimLock};
           WITH due AS (
             SELECT d.seq FROM ${t.deliveries} d
             WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
               AND ${notInFlight(String(now), 'd.')}
               AND (SELECT e.enabled AND (NOT e.ordered OR NOT ${heldBack(t.deliveries, String(now))})
                 FROM ${t.endpoints} e WHERE e.id = d.endpoint_id)
             ORDER BY d.next_attempt_at, d.seq LIMIT ${limit}
             FOR UPDATE OF d SKIP LOCKED),
           leased AS (
             UPDATE ${t.deliveries} d SET lease_token = '${token}', lease_expires_at = ${now + leaseMs}
             FROM due WHERE d.seq = due.seq RETURNING d.*)
           SELECT l.*, row_to_json(ev) AS event_row, row_to_json(e) AS endpoint_row
           FROM leased l JOIN ${t.events} ev ON ev.id = l.event_id
             JOIN ${t.endpoints} e ON e.id = l.endpoint_id;
           COMMIT`,
          )) as unknown as pg.QueryResult[];
        } catch (error) {
          // A failing statement skips the rest of the string, COMMIT included: the session is
          // left in an aborted transaction until it rolls back.
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
        const rows = (results[4]?.rows ?? []) as Array<
          DeliveryRow & { event_row: EventRow; endpoint_row: EndpointRow }
        >;
        // One round trip: the lease, the events and the endpoints come back together.
        return rows
          .sort((a, b) => Number(a.seq) - Number(b.seq))
          .map(({ event_row, endpoint_row, ...row }) => ({
            delivery: deliveryFromRow(row),
            event: eventFromRow(event_row),
            endpoint: endpointFromRow(endpoint_row),
            leaseToken: token,
          }));
      }),
    recordAttempt: (input) => recordAttemptBatched(input),
    getDelivery: (id) =>
      run('getDelivery', async () => {
        const { rows } = await pool.query<DeliveryRow>(
          `SELECT * FROM ${t.deliveries} WHERE id = $1`,
          [id],
        );
        return rows[0] && deliveryFromRow(rows[0]);
      }),
    listDeliveries: (query) =>
      run('listDeliveries', async () => {
        let n = 0;
        const { sql, params } = listDeliveriesStatement(
          t.deliveries,
          query,
          pageSize(query.limit),
          () => `$${++n}`,
        );
        return (await pool.query<DeliveryRow>(sql, params)).rows.map(deliveryFromRow);
      }),
    countDeliveries: (query) =>
      run('countDeliveries', async () => {
        let n = 0;
        const { sql, params } = countDeliveriesStatement(t.deliveries, query, () => `$${++n}`);
        return (await pool.query<DeliveryCountRow>(sql, params)).rows.map(deliveryCountFromRow);
      }),
    listAttempts: (deliveryId) =>
      run('listAttempts', async () =>
        (
          await pool.query<AttemptRow>(
            `SELECT * FROM ${t.attempts} WHERE delivery_id = $1 ORDER BY id`,
            [deliveryId],
          )
        ).rows.map(attemptFromRow),
      ),
    listAttemptsFor: (deliveryIds) =>
      run('listAttemptsFor', async () => {
        if (deliveryIds.length === 0) return new Map();
        const { rows } = await pool.query<AttemptRow>(
          `SELECT * FROM ${t.attempts} WHERE delivery_id = ANY($1) ORDER BY id`,
          [deliveryIds],
        );
        return attemptsByDelivery(deliveryIds, rows);
      }),
    requeue: (selector, now) =>
      run('requeue', async () => {
        let n = 0;
        const { sql, params } = requeueStatement(t.deliveries, selector, now, () => `$${++n}`);
        // One durable transaction (flushed even where synchronous_commit is off); the
        // notification goes out with its commit.
        return transaction(async (client) => {
          const result = await client.query(sql, params);
          if ((result.rowCount ?? 0) > 0) {
            await client.query('SELECT pg_notify($1, $2)', [channel, '']);
          }
          return result.rowCount ?? 0;
        });
      }),
    async subscribe(onWake) {
      await init();
      const client = await pool.connect();
      const onNotification = (message: pg.Notification) => {
        if (message.channel === channel) onWake();
      };
      client.on('notification', onNotification);
      // A dropped listening connection only costs the early wake-ups: workers keep polling.
      const onError = () => {};
      client.on('error', onError);
      await client.query(`LISTEN ${channel}`);
      return async () => {
        client.off('notification', onNotification);
        await client.query(`UNLISTEN ${channel}`).catch(() => {});
        client.off('error', onError);
        client.release();
      };
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}

interface RecordInput {
  leaseToken: string;
  attempt: AttemptRecord;
  next: DeliveryNext;
  now: number;
}

/** A batch that must be written item by item (see the Postgres store's group commit). */
class SplitBatch extends Error {}

/**
 * The failure of a whole batch may be one item's: a value Postgres refuses (SQLSTATE class 22,
 * data exception; 23, integrity constraint) or a batch that must be split.
 */
function oneItemsFault(error: unknown): boolean {
  const cause = error instanceof DispatcherError ? error.cause : error;
  if (cause instanceof SplitBatch) return true;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** A stable 64-bit advisory lock key for `name` (a signed bigint literal). */
function advisoryKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
