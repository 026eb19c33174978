import { type AnyEvent, isEventType, latestVersion, parseEvent } from '@hookline/events';
import { bestEffort, nextTurn } from '@hookline/internal';
import type { AllowOptions } from './address-policy.js';
import { type AttemptResult, attemptDelivery } from './attempt-delivery.js';
import { checkedNumber, maxTimerMs } from './checked-number.js';
import { type Clock, systemClock } from './clock.js';
import { createId, isoSeconds } from './create-id.js';
import { deadline } from './deadline.js';
import { DispatcherError, type DispatcherResult, toResult } from './dispatcher-error.js';
import {
  buildEndpoint,
  buildEndpointPatch,
  type EndpointInput,
  type EndpointUpdate,
  nextSecret,
  rotateSecrets,
} from './endpoint-input.js';
import type { FanOutTarget } from './fan-out.js';
import { createFetchTransport } from './fetch-transport.js';
import {
  bestEffortLogger,
  type DispatcherLogger,
  type OperationalEvent,
  redactUrl,
} from './logger.js';
import { createNodeTransport } from './node-transport.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryCount,
  DeliveryCountQuery,
  DeliveryNext,
  DeliveryQuery,
  DeliveryRecord,
  EndpointRecord,
  StoredEvent,
} from './records.js';
import { renderPayload } from './render-payload.js';
import { cachingResolver, type Resolver, systemResolver } from './resolve-target.js';
import {
  nextAttemptDelay,
  parseRetryAfter,
  type RetryScheduleOptions,
  resolveRetrySchedule,
} from './retry-schedule.js';
import type { DispatcherStore } from './store.js';
import type { DeliveryTransport } from './transport.js';

const day = 24 * 60 * 60 * 1000;

type Draft<E> = E extends { version: infer V }
  ? Omit<E, 'id' | 'timestamp' | 'version'> & { id?: string; timestamp?: string; version?: V }
  : never;

/**
 * What `publish` accepts: a full envelope from @hookline/events, or one without `id`
 * (generated), `timestamp` (now) and `version` (the latest).
 */
export type PublishInput = AnyEvent | Draft<AnyEvent>;

/** What `publish` resolves to once the event is durable. */
export interface PublishResult {
  /** The envelope as stored (id and timestamp filled in). */
  event: AnyEvent;
  /** How many endpoints it fans out to. */
  deliveries: number;
}

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions<Tx = never> {
  /** Where the outbox, endpoints and delivery log live. */
  store: DispatcherStore<Tx>;
  /** Endpoints to create on start when no endpoint with that id exists yet. */
  endpoints?: ReadonlyArray<EndpointInput & { id: string }>;
  /** Retry waits, jitter and the Retry-After cap. Default: Svix's schedule, ±20 % jitter. */
  schedule?: RetryScheduleOptions | readonly number[];
  /** Per-attempt timeout in ms, response included. Default 15 000. */
  timeoutMs?: number;
  /** Targets allowed beyond public HTTPS (loopback, private networks, link-local, http:). */
  allow?: AllowOptions;
  /** Largest envelope accepted by `publish`, in bytes (UTF-8 JSON). Default 256 KiB. */
  maxPayloadBytes?: number;
  /** Default `ordered` flag of new endpoints. Default false. */
  ordered?: boolean;
  /** Receives log lines; never secrets. Default: silent. */
  logger?: DispatcherLogger;
  /** Told when an endpoint is disabled or a delivery is dead-lettered. */
  onOperationalEvent?: (event: OperationalEvent) => void;
  /** Send with this `fetch` instead of the default undici transport (the connection is then not pinned to the checked address). */
  fetch?: typeof fetch;
  /** Send with a custom transport (wins over `fetch`). */
  transport?: DeliveryTransport;
  /** Host name resolver used for the address check. Default `dns.lookup` (all addresses). */
  resolve?: Resolver;
  /**
   * How long the default resolver reuses a host name's addresses, in ms (attempts asking
   * meanwhile, concurrent ones included, share one lookup). Default 2000; 0 looks up on every
   * attempt. The addresses are checked on every attempt regardless. Not applied to a custom
   * `resolve`.
   */
  dnsCacheMs?: number;
  /** Time source; inject one in tests. */
  clock?: Clock;
  /**
   * Deliveries in flight at once in this process. Default 64. A process delivers at most about
   * `concurrency` ÷ the receivers' response time per second (64 at 200 ms: 320/s), so raise it
   * for slow receivers or high volume; each slot is one keep-alive connection at most.
   */
  concurrency?: number;
  /** How often the worker looks for due deliveries when idle, in ms. Default 500. */
  pollIntervalMs?: number;
  /** How long a claimed delivery is reserved for this process. Default `timeoutMs` + 30 s. */
  leaseMs?: number;
  /** Disable an endpoint that has failed continuously for this long. Default 5 days. */
  disableAfterMs?: number;
  /** How long an old secret keeps signing after a rotation. Default 24 h. */
  secretGraceMs?: number;
  /** Bytes of each response body kept in the delivery log. Default 1024. */
  responseExcerptBytes?: number;
  /** Random source for jitter (tests). Default Math.random. */
  random?: () => number;
}

/** Options of `publish`. */
export interface PublishOptions<Tx> {
  /** Write inside the caller's open transaction: the event exists only if it commits. */
  tx?: Tx;
  /**
   * Targeted publish: deliver only to these endpoints, and only those that are enabled,
   * whatever their `enabledEvents` subscription says (for test events and sends to a chosen
   * endpoint). Unknown or disabled ids get no delivery; `deliveries` in the result tells.
   */
  endpointIds?: readonly string[];
  /**
   * With `endpointIds`: send the event at this version of its type (cast down from the
   * published one) instead of the version each endpoint pins. Checked on publish: it must be a
   * version the catalog can cast the event to, else `invalid_event`.
   *
   * @example
   * await dispatcher.publish(event, { endpointIds: [endpoint.id], version: 1 });
   */
  version?: number;
}

/** A webhook dispatcher: outbox, endpoints, delivery worker, delivery log and replay. */
export interface Dispatcher<Tx = never> {
  /**
   * Writes the event (and its deliveries) to the outbox; resolves once durable — or, with
   * `tx`, once written into the caller's transaction. With a SQLite `tx` the check and the
   * write happen synchronously during the call and a failure THROWS synchronously (the returned
   * promise is already settled), so inside `db.transaction(fn)` the caller's transaction rolls
   * back with it. Concurrent publishes without `tx` share one commit (group commit).
   */
  publish(input: PublishInput, options?: PublishOptions<Tx>): Promise<PublishResult>;
  /**
   * `publish` as a result value instead of a rejection (for DispatcherErrors). Inside a
   * synchronous `db.transaction(fn)` use `publish`: only a throw rolls the transaction back.
   */
  safePublish(
    input: PublishInput,
    options?: PublishOptions<Tx>,
  ): Promise<DispatcherResult<PublishResult>>;

  /** Creates an endpoint (URL checked, secret generated when omitted). */
  createEndpoint(input: EndpointInput): Promise<EndpointRecord>;
  /** `createEndpoint` as a result value. */
  safeCreateEndpoint(input: EndpointInput): Promise<DispatcherResult<EndpointRecord>>;
  /** Changes url, description, enabledEvents, versions or ordered. */
  updateEndpoint(id: string, update: EndpointUpdate): Promise<EndpointRecord>;
  /** Stops deliveries to the endpoint; its pending deliveries become dead letters (replayable). */
  disableEndpoint(id: string): Promise<EndpointRecord>;
  /** Re-enables an endpoint and clears its failure run. */
  enableEndpoint(id: string): Promise<EndpointRecord>;
  /** Deletes the endpoint with its deliveries and attempts. */
  deleteEndpoint(id: string): Promise<void>;
  getEndpoint(id: string): Promise<EndpointRecord | undefined>;
  listEndpoints(): Promise<EndpointRecord[]>;
  /**
   * Adds a new signing secret (generated when omitted); the previous ones keep signing for
   * `graceMs` (default `secretGraceMs`, 24 h), so every delivery carries both signatures.
   */
  rotateSecret(
    id: string,
    options?: { secret?: string; graceMs?: number },
  ): Promise<{ endpoint: EndpointRecord; secret: string }>;

  /** The delivery log (newest first; oldest first with `order: 'oldest'` or `after`). */
  listDeliveries(query?: DeliveryQuery): Promise<DeliveryRecord[]>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Every attempt of a delivery, oldest first. */
  listAttempts(deliveryId: string): Promise<AttemptRecord[]>;
  /** The attempts of many deliveries in one read, by delivery id (see `DispatcherStore.listAttemptsFor`). */
  listAttemptsFor(deliveryIds: readonly string[]): Promise<Map<string, AttemptRecord[]>>;
  /** Deliveries per endpoint and status, optionally only those created at or after `since`. */
  countDeliveries(query?: DeliveryCountQuery): Promise<DeliveryCount[]>;
  /**
   * Manual retry of one delivery, attempted as soon as a worker is free: a finished one
   * (succeeded or dead-lettered) goes back in the queue with a fresh schedule and the same
   * webhook-id; a pending one waiting for a scheduled retry becomes due now (its schedule
   * continues from the attempts made). Throws `delivery_in_flight` (409) while an attempt of it
   * is running, so two attempts of a delivery never overlap; retry once it has finished.
   * Resolves to `true` once it is queued.
   *
   * @example
   * await dispatcher.replayDelivery(delivery.id); // due now
   */
  replayDelivery(deliveryId: string): Promise<boolean>;
  /**
   * Sends every finished delivery of an event again (optionally to one endpoint). Returns how
   * many (0 while they are all still pending). Throws `event_not_found` for an unknown event,
   * `endpoint_not_found` for an unknown endpoint, and `delivery_not_found` (404) when the
   * endpoint named never had a delivery of the event.
   */
  replayEvent(eventId: string, options?: { endpointId?: string }): Promise<number>;
  /**
   * Sends every dead letter of an endpoint that failed (for good) at or after `since` again,
   * whenever it was published: after an outage, `since` its start. Returns how many.
   */
  replayFailed(options: { endpointId: string; since: Date | number }): Promise<number>;

  /** Prepares the store and seeds `endpoints`; called by `start` and on first use. */
  ready(): Promise<void>;
  /** Starts the background worker (polls every `pollIntervalMs`, wakes on local publish). */
  start(): Promise<void>;
  /** Stops the worker and waits for attempts in flight. */
  stop(): Promise<void>;
  /**
   * Attempts every delivery due now and waits for the results; returns how many attempts
   * were made. For tests with an injected clock and for cron-style use without `start`.
   */
  processDue(): Promise<number>;
}

/**
 * A `since` instant as the stores compare it: whole epoch ms, rounded up (createdAt values are
 * whole ms, so "at or after 1000.5" is "at or after 1001"); a RangeError for no instant at all.
 */
function sinceMs(method: string, since: Date | number | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = typeof since === 'number' ? since : since?.getTime?.();
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new RangeError(
      `${method}: since must be a Date or epoch milliseconds (got ${String(since)})`,
    );
  }
  return Math.ceil(ms);
}

/**
 * Creates a dispatcher over a store.
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@hookline/dispatcher';
 * import { createSqliteStore } from '@hookline/dispatcher/sqlite';
 *
 * const dispatcher = createDispatcher({ store: createSqliteStore({ path: 'hookline.db' }) });
 * await dispatcher.createEndpoint({ url: 'https://example.com/webhooks', enabledEvents: ['payment.*'] });
 * await dispatcher.start();
 * await dispatcher.publish({ event: 'payment.succeeded', resource_id: 'pay_1', metadata: { ... } });
 * ```
 */
export function createDispatcher<Tx = never>(options: DispatcherOptions<Tx>): Dispatcher<Tx> {
  const { store } = options;
  // Whole milliseconds: the SQL stores keep times as integers (Postgres bigint refuses
  // 1795791384123.456 from a performance-based clock).
  const givenClock = options.clock ?? systemClock;
  const clock: Clock = { now: () => Math.floor(givenClock.now()) };
  const allow: AllowOptions = { ...options.allow };
  const schedule = resolveRetrySchedule(options.schedule);
  const timeoutMs = checkedNumber('timeoutMs', options.timeoutMs, 15_000, {
    min: 1,
    max: maxTimerMs,
  });
  const maxPayloadBytes = checkedNumber('maxPayloadBytes', options.maxPayloadBytes, 256 * 1024, {
    min: 1,
    integer: true,
  });
  const concurrency = checkedNumber('concurrency', options.concurrency, 64, {
    min: 1,
    integer: true,
  });
  const pollIntervalMs = checkedNumber('pollIntervalMs', options.pollIntervalMs, 500, {
    min: 1,
    max: maxTimerMs,
  });
  // Rounded up to whole ms (a fractional timeoutMs makes the default fractional); see `clock`.
  const leaseMs = Math.ceil(
    checkedNumber('leaseMs', options.leaseMs, timeoutMs + 30_000, { min: 1 }),
  );
  if (leaseMs <= timeoutMs) {
    // An attempt may take timeoutMs; a lease that ends sooner lets another worker claim the
    // delivery and send it beside the attempt still running.
    throw new RangeError(
      `leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs}); leave room to record the outcome (the default is timeoutMs + 30 s)`,
    );
  }
  const disableAfterMs = checkedNumber('disableAfterMs', options.disableAfterMs, 5 * day);
  const secretGraceMs = checkedNumber('secretGraceMs', options.secretGraceMs, day);
  const excerptBytes = checkedNumber('responseExcerptBytes', options.responseExcerptBytes, 1024, {
    integer: true,
  });
  const dnsCacheMs = checkedNumber('dnsCacheMs', options.dnsCacheMs, 2000);
  const random = options.random ?? Math.random;
  const log = bestEffortLogger(options.logger);
  const nodeTransport = options.transport || options.fetch ? undefined : createNodeTransport();
  // A transport, fetch or resolver of the caller's is held to the attempt timeout too: one that
  // never settles (ignores its abort signal) fails the attempt instead of holding a slot.
  const custom = options.transport ?? (options.fetch && createFetchTransport(options.fetch));
  const transport: DeliveryTransport = custom
    ? (request) =>
        deadline(custom(request), request.timeoutMs, `no response within ${request.timeoutMs} ms`)
    : nodeTransport!;
  // Every lookup (the system's too: dns.lookup has no timeout of its own) is held to the
  // attempt timeout; wrapped under the cache, so a cached answer costs no timer.
  const lookup: Resolver = (hostname) =>
    deadline(
      (options.resolve ?? systemResolver)(hostname),
      timeoutMs,
      `resolving ${hostname} took longer than ${timeoutMs} ms`,
    );
  const attemptSettings = {
    allow,
    resolve: options.resolve || dnsCacheMs === 0 ? lookup : cachingResolver(lookup, dnsCacheMs),
    transport,
    timeoutMs,
    maxPayloadBytes,
    excerptBytes,
    now: () => clock.now(),
  };

  const operational = (event: OperationalEvent) => {
    const { type, ...fields } = event;
    log.warn?.(type, fields);
    const listener = options.onOperationalEvent;
    if (listener) {
      bestEffort(
        () => listener(event),
        (error) => log.error?.('onOperationalEvent failed', { error: String(error) }),
      );
    }
  };

  /**
   * Warns when this process's clock is far from the database's: leases are compared in each
   * worker's own clock, and one running ahead by more than leaseMs - timeoutMs takes over
   * deliveries whose attempts still run elsewhere. Half of that margin is the alarm.
   */
  const checkClock = async () => {
    if (!store.serverTime) return;
    try {
      const before = clock.now();
      const server = await store.serverTime();
      const skewMs = Math.round((before + clock.now()) / 2 - server);
      if (Math.abs(skewMs) > (leaseMs - timeoutMs) / 2) {
        log.warn?.(
          "this process's clock differs from the database server's; keep every worker's clock in sync (NTP), or a worker whose clock runs ahead takes over deliveries still being attempted elsewhere",
          { skewMs, leaseMs, timeoutMs },
        );
      }
    } catch {
      // Only a check: the store's own operations report a database that is down.
    }
  };

  let readyPromise: Promise<void> | undefined;
  /** ready() has created the endpoints of `options.endpoints`. */
  let seeded = !options.endpoints?.length;
  const ready = () => {
    readyPromise ??= (async () => {
      await store.init();
      await checkClock();
      for (const seed of options.endpoints ?? []) {
        if (await store.getEndpoint(seed.id)) continue;
        await store.createEndpoint(
          buildEndpoint(seed, { ordered: options.ordered ?? false, allow, now: clock.now() }),
        );
      }
      seeded = true;
    })();
    readyPromise.catch(() => {
      readyPromise = undefined;
    });
    return readyPromise;
  };

  /** Validates and serialises a publish; `envelope` is what `publish` resolves to. */
  function prepare(input: PublishInput): { stored: StoredEvent; envelope: AnyEvent } {
    if (typeof input !== 'object' || input === null) {
      throw new DispatcherError(
        'invalid_event',
        'publish() expects an event object { event, resource_id, metadata, ... }.',
      );
    }
    const now = clock.now();
    const draft = input as Partial<AnyEvent> & { event?: unknown };
    const candidate = {
      ...draft,
      id: draft.id ?? createId('evt', now),
      timestamp: draft.timestamp ?? isoSeconds(now),
      version: draft.version ?? (isEventType(draft.event) ? latestVersion(draft.event) : 1),
    };
    const parsed = parseEvent(candidate);
    if (!parsed.ok) {
      throw new DispatcherError(
        'invalid_event',
        `publish() refused the event: ${parsed.error.message}`,
        {
          cause: parsed.error,
        },
      );
    }
    const payload = JSON.stringify(parsed.event);
    const size = Buffer.byteLength(payload, 'utf8');
    if (size > maxPayloadBytes) {
      throw new DispatcherError(
        'payload_too_large',
        `The event is ${size} bytes as JSON, over maxPayloadBytes (${maxPayloadBytes}); send less metadata (e.g. ids the receiver can fetch) or raise the limit.`,
      );
    }
    const stored: StoredEvent = {
      id: parsed.event.id,
      event: parsed.event.event,
      version: parsed.event.version,
      timestamp: parsed.event.timestamp,
      resourceId: parsed.event.resource_id,
      payload,
      createdAt: now,
    };
    return { stored, envelope: parsed.event };
  }

  /** The fan-out of a publish; checks a version override against the event. */
  function targetOf(
    stored: StoredEvent,
    publishOptions: PublishOptions<Tx> | undefined,
  ): FanOutTarget | undefined {
    const endpointIds = publishOptions?.endpointIds;
    const version = publishOptions?.version;
    if (version === undefined) {
      return endpointIds === undefined ? undefined : { endpointIds: [...endpointIds] };
    }
    if (endpointIds === undefined) {
      throw new DispatcherError(
        'invalid_event',
        `publish() got version ${version} without endpointIds; a version override applies to targeted sends only (pass endpointIds), otherwise endpoints receive the version they pin.`,
      );
    }
    if (version !== stored.version) {
      try {
        renderPayload(stored, { versions: {} }, version);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new DispatcherError(
          'invalid_event',
          `publish() cannot send ${stored.event} v${stored.version} at version ${version}: ${reason}`,
          { cause },
        );
      }
    }
    return { endpointIds: [...endpointIds], version };
  }

  function published(
    { stored, envelope }: { stored: StoredEvent; envelope: AnyEvent },
    deliveries: number,
    woke: boolean,
  ): PublishResult {
    log.debug?.('event published', { eventId: stored.id, event: stored.event, deliveries });
    if (woke) wake();
    return { event: envelope, deliveries };
  }

  function publish(
    input: PublishInput,
    publishOptions?: PublishOptions<Tx>,
  ): Promise<PublishResult> {
    const tx = publishOptions?.tx;
    if (tx !== undefined && store.insertEventSync) {
      // A synchronous transaction (SQLite): validate and write now, and throw now, so that a
      // failure inside `db.transaction(fn)` rolls the caller's state change back with it.
      // There is no waiting for ready() here: without the endpoints it seeds, the event would
      // fan out to none of them.
      if (!seeded) {
        throw new DispatcherError(
          'not_ready',
          'publish() with { tx } ran before the endpoints passed in `endpoints` were created; await dispatcher.ready() once at start-up, before publishing inside a transaction.',
        );
      }
      const prepared = prepare(input);
      const { stored } = prepared;
      const { deliveries } = store.insertEventSync(stored, tx, targetOf(stored, publishOptions));
      return Promise.resolve(published(prepared, deliveries, false));
    }
    let prepared: ReturnType<typeof prepare>;
    let target: FanOutTarget | undefined;
    try {
      prepared = prepare(input);
      target = targetOf(prepared.stored, publishOptions);
    } catch (error) {
      return Promise.reject(error);
    }
    const { stored } = prepared;
    // Inside the caller's transaction too, the tables and seeded endpoints must exist first.
    const written = ready().then(() => store.insertEvent(stored, tx, target));
    return written.then(({ deliveries }) => published(prepared, deliveries, tx === undefined));
  }

  async function mustGetEndpoint(id: string): Promise<EndpointRecord> {
    await ready();
    const endpoint = await store.getEndpoint(id);
    if (!endpoint) {
      throw new DispatcherError(
        'endpoint_not_found',
        `No endpoint with id ${id}; list endpoints to find the right id.`,
      );
    }
    return endpoint;
  }

  async function patchEndpoint(
    id: string,
    patch: Parameters<typeof store.updateEndpoint>[1],
    now = clock.now(),
  ) {
    await ready();
    const updated = await store.updateEndpoint(id, patch, now);
    if (!updated) {
      throw new DispatcherError(
        'endpoint_not_found',
        `No endpoint with id ${id}; list endpoints to find the right id.`,
      );
    }
    return updated;
  }

  /**
   * `now`: the time of the outcome that disables it, when one does: the delivery it dead-letters
   * then failed at the endpoint's `disabledAt`, so `replayFailed({ since: disabledAt })` takes it.
   */
  async function disable(
    endpoint: EndpointRecord,
    reason: 'gone' | 'failing' | 'manual',
    now = clock.now(),
  ) {
    const { changed, deadLettered } = await store.disableEndpoint(endpoint.id, reason, now);
    if (changed) {
      operational({
        type: 'endpoint.disabled',
        endpointId: endpoint.id,
        url: redactUrl(endpoint.url),
        reason,
        failingSince: endpoint.failingSince,
        deadLettered,
        at: now,
      });
    }
  }

  function decideNext(claim: ClaimedDelivery, result: AttemptResult, now: number): DeliveryNext {
    if (result.attempt.outcome === 'succeeded') return { status: 'succeeded' };
    if (result.gone || result.permanent) return { status: 'failed' };
    const retryAfterMs = parseRetryAfter(result.retryAfter, now);
    const delay = nextAttemptDelay(schedule, claim.delivery.attempts + 1, retryAfterMs, random);
    return delay === undefined
      ? { status: 'failed' }
      : { status: 'pending', nextAttemptAt: now + delay };
  }

  /** Records the outcome of an attempt (the lease is still held) and acts on it. */
  async function recordOutcome(claim: ClaimedDelivery, result: AttemptResult): Promise<void> {
    const { delivery, endpoint } = claim;
    const now = clock.now();
    const next = decideNext(claim, result, now);
    const { recorded, failingSince, status } = await store.recordAttempt({
      leaseToken: claim.leaseToken,
      attempt: result.attempt,
      next,
      now,
    });
    // What the store made of it: a retry on an endpoint disabled meanwhile is a dead letter.
    const outcome = status ?? next.status;
    // Built only for a logger that takes the line (the URL is parsed to redact it).
    const fields = () => ({
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      endpointId: endpoint.id,
      url: redactUrl(endpoint.url),
      attempt: result.attempt.attempt,
      statusCode: result.attempt.statusCode,
      durationMs: result.attempt.durationMs,
    });
    if (result.attempt.outcome === 'succeeded') {
      if (log.debug) log.debug('delivery succeeded', fields());
    } else if (log.info) {
      log.info('delivery attempt failed', {
        ...fields(),
        error: result.attempt.error,
        next: outcome,
      });
    }
    if (!recorded) {
      log.warn?.(
        'lease lost before the attempt was recorded; another worker owns the delivery now',
        fields(),
      );
      return;
    }
    if (outcome === 'failed') {
      operational({
        type: 'delivery.dead_lettered',
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        endpointId: endpoint.id,
        attempts: result.attempt.attempt,
        error: result.attempt.error,
        at: now,
      });
    }
    const reason = result.gone
      ? 'gone'
      : result.attempt.outcome === 'failed' &&
          failingSince !== null &&
          now - failingSince >= disableAfterMs
        ? 'failing'
        : undefined;
    if (reason === undefined) return;
    try {
      await disable({ ...endpoint, failingSince }, reason, now);
    } catch (error) {
      // The outcome is recorded; only the disable failed (a publish transaction held it up
      // past endpointLockTimeoutMs, the store is down). The endpoint's next failed attempt
      // asks again.
      log.error?.('disabling the endpoint failed; its next failed attempt tries again', {
        ...fields(),
        reason,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  // ---- worker ----------------------------------------------------------------------------
  /** HTTP attempts in flight (what `concurrency` limits). */
  const inFlight = new Set<Promise<void>>();
  /**
   * Outcomes being recorded. A slot frees when the HTTP attempt ends, so the next claim overlaps
   * the commit of the previous outcomes; the delivery stays leased until its outcome is recorded,
   * so nobody can attempt it again meanwhile.
   */
  const recording = new Set<Promise<void>>();
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let claiming: Promise<number> | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;
  /** How many times stop() was called; a start() that sees it change backs out. */
  let stops = 0;
  /** Store subscriptions start() is opening (they never reject). */
  const subscribing = new Set<Promise<void>>();

  function track(claim: ClaimedDelivery): Promise<void> {
    const work: Promise<void> = attemptDelivery(claim, attemptSettings)
      .then((result) => {
        // The slot is free once the HTTP attempt ended. Asking for the next claim before the
        // outcome is queued lets a store that group-commits (SQLite) write both in one
        // transaction; the delivery stays leased until its outcome is recorded.
        inFlight.delete(work);
        if (running) wake();
        const record: Promise<void> = recordOutcome(claim, result)
          .catch((error: unknown) => {
            log.error?.(
              'recording a delivery attempt failed; the lease will expire and it is retried',
              {
                deliveryId: claim.delivery.id,
                error: error instanceof Error ? error.message : String(error),
              },
            );
          })
          .finally(() => {
            recording.delete(record);
            if (running) wake();
          });
        recording.add(record);
      })
      // attemptDelivery reports every failure as an outcome; what still escapes it comes from
      // a user-supplied part (a clock that throws). Nothing is recorded then: the lease expires.
      .catch((error: unknown) => {
        log.error?.(
          'a delivery attempt failed unexpectedly; the lease will expire and it is retried',
          {
            deliveryId: claim.delivery.id,
            error: error instanceof Error ? error.message : String(error),
          },
        );
      })
      .finally(() => {
        inFlight.delete(work);
        if (running) wake();
      });
    inFlight.add(work);
    return work;
  }

  /** Claims as many due deliveries as there are free slots and starts them. */
  function claimBatch(): Promise<number> {
    if (claiming) {
      // Slots freed (or deliveries became due) after this claim asked for its batch.
      missed = true;
      return claiming;
    }
    const batch = (async () => {
      const free = concurrency - inFlight.size;
      // Back-pressure: no more than `concurrency` outcomes waiting for their commit.
      if (free <= 0 || recording.size >= concurrency) return 0;
      lastClaimAt = performance.now();
      const claims = await store.claimDue({ now: clock.now(), limit: free, leaseMs });
      for (const claim of claims) track(claim);
      full = claims.length === free;
      backlogged = full;
      return claims.length;
    })();
    // Cleared only after `claiming` was set: a batch that settles synchronously (no free slot)
    // must not leave a stale promise behind that would answer every later claim with 0.
    claiming = batch;
    const clear = () => {
      if (claiming === batch) claiming = undefined;
    };
    batch.then(clear, clear);
    return batch;
  }

  /** The last claim filled every free slot. */
  let full = false;
  /**
   * More was due than the last claim had room for (it filled every free slot). Then a claim
   * waits until half the slots are free — or `refillWaitMs` passed — so each claim (and the
   * store transaction it shares with the outcomes of the attempts that freed those slots)
   * carries a batch worth its fixed cost, instead of one transaction per few completions.
   */
  let backlogged = false;
  let lastClaimAt = 0;
  const refillAt = Math.ceil(concurrency / 2);
  const refillWaitMs = 2;
  /** A wake-up arrived while a claim was running. */
  let missed = false;
  let tickQueued = false;
  function schedule_(delay: number) {
    if (!running) return;
    clearTimeout(timer);
    timer = undefined;
    if (delay === 0) {
      // On the next turn: the completions of this turn free their slots first and join one
      // claim.
      if (tickQueued) return;
      tickQueued = true;
      nextTurn(() => {
        tickQueued = false;
        tick();
      });
      return;
    }
    // Not unref'd: a started dispatcher keeps its process alive, like a server, until stop().
    timer = setTimeout(tick, delay);
  }

  function tick() {
    clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    const waited = performance.now() - lastClaimAt;
    if (backlogged && concurrency - inFlight.size < refillAt && waited < refillWaitMs) {
      // A finishing attempt wakes the worker again; the timer bounds the wait (slow endpoints
      // holding most slots must not stop the others).
      schedule_(Math.max(1, refillWaitMs - waited));
      return;
    }
    claimBatch().then(
      () => {
        // Saturated: a finishing attempt wakes the worker. A full batch suggests more is due,
        // and a wake-up during the claim may have found more: claim again on the next turn.
        // Otherwise nothing more is due now: poll (or wait for a wake-up).
        if (inFlight.size >= concurrency) return;
        const again = full || missed;
        full = false;
        missed = false;
        schedule_(again ? 0 : pollIntervalMs);
      },
      (error: unknown) => {
        log.error?.('claiming due deliveries failed; retrying', {
          error: error instanceof Error ? error.message : String(error),
        });
        schedule_(pollIntervalMs);
      },
    );
  }

  function wake() {
    if (running && inFlight.size < concurrency) schedule_(0);
  }

  const dispatcher: Dispatcher<Tx> = {
    publish,
    safePublish: (input, publishOptions) => toResult(() => publish(input, publishOptions)),
    async createEndpoint(input) {
      await ready();
      const endpoint = buildEndpoint(input, {
        ordered: options.ordered ?? false,
        allow,
        now: clock.now(),
      });
      await store.createEndpoint(endpoint);
      log.info?.('endpoint created', { endpointId: endpoint.id, url: redactUrl(endpoint.url) });
      return endpoint;
    },
    safeCreateEndpoint: (input) => toResult(() => dispatcher.createEndpoint(input)),
    async updateEndpoint(id, update) {
      return patchEndpoint(id, buildEndpointPatch(update, allow));
    },
    async disableEndpoint(id) {
      await disable(await mustGetEndpoint(id), 'manual');
      return mustGetEndpoint(id);
    },
    async enableEndpoint(id) {
      return patchEndpoint(id, {
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
      });
    },
    async deleteEndpoint(id) {
      await ready();
      if (!(await store.deleteEndpoint(id))) {
        throw new DispatcherError(
          'endpoint_not_found',
          `No endpoint with id ${id}; list endpoints to find the right id.`,
        );
      }
    },
    async getEndpoint(id) {
      await ready();
      return store.getEndpoint(id);
    },
    async listEndpoints() {
      await ready();
      return store.listEndpoints();
    },
    async rotateSecret(id, rotateOptions = {}) {
      const secret = nextSecret(rotateOptions.secret);
      const graceMs = checkedNumber('graceMs', rotateOptions.graceMs, secretGraceMs);
      const now = clock.now();
      // Computed from the endpoint as the store holds it inside the update: two rotations at
      // once both land (neither caller gets a secret that was never stored).
      const updated = await patchEndpoint(
        id,
        (current) => ({ secrets: rotateSecrets(current, secret, graceMs, now) }),
        now,
      );
      if (!updated.secrets.some((s) => s.secret === secret)) {
        // A store that ignores a function patch (written against the object-only form) would
        // otherwise hand out a secret nothing signs with.
        throw new DispatcherError(
          'store_failed',
          'The store did not apply the secret rotation: DispatcherStore.updateEndpoint must call a patch given as a function with the current endpoint.',
        );
      }
      log.info?.('endpoint secret rotated', {
        endpointId: id,
        signingSecrets: updated.secrets.length,
      });
      return { endpoint: updated, secret };
    },
    async listDeliveries(query = {}) {
      if (query.limit !== undefined && !Number.isFinite(query.limit)) {
        throw new RangeError(
          `listDeliveries: limit must be a number from 1 to 1000 (got ${String(query.limit)})`,
        );
      }
      const since = sinceMs('listDeliveries', query.since);
      await ready();
      // A cursor must be a delivery: an unknown one (a typo, another system's id) would select
      // nothing and silently end the paging.
      for (const [name, cursor] of [
        ['before', query.before],
        ['after', query.after],
      ] as const) {
        if (cursor !== undefined && (await store.getDelivery(cursor)) === undefined) {
          throw new DispatcherError(
            'delivery_not_found',
            `listDeliveries: ${name} is ${cursor}, which is no delivery; pass the id of a delivery from the previous page.`,
          );
        }
      }
      return store.listDeliveries(since === undefined ? query : { ...query, since });
    },
    async getDelivery(id) {
      await ready();
      return store.getDelivery(id);
    },
    async listAttempts(deliveryId) {
      await ready();
      return store.listAttempts(deliveryId);
    },
    async listAttemptsFor(deliveryIds) {
      await ready();
      return store.listAttemptsFor(deliveryIds);
    },
    async countDeliveries(query = {}) {
      await ready();
      const since = sinceMs('countDeliveries', query.since);
      return store.countDeliveries(since === undefined ? query : { ...query, since });
    },
    async replayDelivery(deliveryId) {
      await ready();
      // Requeue, or find out why not. The delivery may finish between the two reads (then the
      // next round requeues it), so loop a few times before calling it in flight.
      for (let round = 0; ; round++) {
        if ((await store.requeue({ deliveryId }, clock.now())) > 0) {
          wake();
          return true;
        }
        const delivery = await store.getDelivery(deliveryId);
        if (!delivery) {
          throw new DispatcherError(
            'delivery_not_found',
            `No delivery with id ${deliveryId}; list deliveries to find the right id.`,
          );
        }
        if (delivery.status === 'pending' || round >= 2) {
          throw new DispatcherError(
            'delivery_in_flight',
            `Delivery ${deliveryId} is being attempted right now, so a retry would run a second attempt beside it; wait for the attempt to finish (its outcome shows in the delivery log), then retry if it failed.`,
          );
        }
      }
    },
    async replayEvent(eventId, replayOptions = {}) {
      await ready();
      if (!(await store.getEvent(eventId))) {
        throw new DispatcherError('event_not_found', `No event with id ${eventId} in the outbox.`);
      }
      const { endpointId } = replayOptions;
      if (endpointId !== undefined) await mustGetEndpoint(endpointId);
      const count = await store.requeue(
        endpointId === undefined ? { eventId } : { eventId, endpointId },
        clock.now(),
      );
      wake();
      // 0 is "nothing finished to send again"; an endpoint that never had a delivery of the
      // event (created after it, or not subscribed to it) is another answer.
      if (
        endpointId !== undefined &&
        count === 0 &&
        (await store.listDeliveries({ eventId, endpointId, limit: 1 })).length === 0
      ) {
        throw new DispatcherError(
          'delivery_not_found',
          `Event ${eventId} has no delivery to endpoint ${endpointId} to send again: the endpoint was created after the event, or is not subscribed to its type. Publish a new event to it with publish(event, { endpointIds: ['${endpointId}'] }).`,
        );
      }
      return count;
    },
    async replayFailed({ endpointId, since }) {
      await mustGetEndpoint(endpointId);
      const failedSince = sinceMs('replayFailed', since)!;
      const count = await store.requeue({ endpointId, failedSince }, clock.now());
      wake();
      return count;
    },
    ready,
    async start() {
      // A stop() during one of the awaits below wins: this start then leaves nothing running.
      const generation = stops;
      await ready();
      if (running || stops !== generation) return;
      running = true;
      schedule_(0);
      if (!store.subscribe) return;
      const subscribed = (async () => {
        try {
          const release = await store.subscribe!(wake);
          if (stops === generation) unsubscribe = release;
          else await release().catch(() => {});
        } catch (error) {
          log.warn?.('could not subscribe to store notifications; relying on polling', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      })();
      subscribing.add(subscribed);
      await subscribed;
      subscribing.delete(subscribed);
    },
    async stop() {
      stops++;
      running = false;
      clearTimeout(timer);
      timer = undefined;
      // A subscription still being opened is released before stop() resolves. (A start() still
      // waiting for ready() is not waited for — the store may never answer — it backs out.)
      await Promise.all([...subscribing]);
      const release = unsubscribe;
      unsubscribe = undefined;
      await release?.().catch(() => {});
      if (claiming) await claiming.catch(() => 0);
      await Promise.all([...inFlight]);
      await Promise.all([...recording]);
      nodeTransport?.close();
    },
    async processDue() {
      await ready();
      let attempted = 0;
      for (;;) {
        const claimed = await claimBatch();
        attempted += claimed;
        const pending = [...inFlight, ...recording];
        if (claimed === 0 && pending.length === 0) return attempted;
        if (pending.length > 0) await Promise.race(pending);
      }
    },
  };
  return dispatcher;
}
