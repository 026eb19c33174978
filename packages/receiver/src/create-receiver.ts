import {
  type AnyEvent,
  type EventType,
  type EventVersion,
  type LatestVersion,
  latestVersion,
  parseEvent,
} from '@hookline/events';
import { bestEffort } from '@hookline/internal';
import { isAddressAllowed, parseRanges, resolveClientAddress } from './client-address.js';
import { checkContentEncoding } from './content-encoding.js';
import { checkContentType } from './content-type.js';
import {
  type AnyEventHandler,
  type EventHandler,
  type HandlerContext,
  HandlerRegistry,
  type HandlerResult,
  type ProviderEventHandler,
} from './handler-registry.js';
import type { IpRange } from './ip-address.js';
import { ackResponse, errorResponse, jsonResponse } from './json-response.js';
import { startHeartbeat } from './lease-heartbeat.js';
import { createRedactor, createSafeLogger, type ReceiverLogger, redactError } from './logger.js';
import { createMemoryStore } from './memory-store.js';
import {
  createProviderReader,
  type PayloadFormat,
  PROVIDER_EVENT_VERSION,
  type ProviderEvent,
} from './provider-event.js';
import { checkContentLength, readBody } from './read-body.js';
import { isReceiverError, methodNotAllowed, ReceiverError } from './receiver-error.js';
import { setRefuser } from './refusal.js';
import { checkRetryOptions, createRetrySchedule, type RetryOptions } from './retry-schedule.js';
import {
  type ClaimedEntry,
  type DeadLetter,
  type InboxEntry,
  type InboxSource,
  type InsertResult,
  type ReceiverStore,
  type StoredError,
  unfinishedRunError,
  unfinishedRunMessage,
} from './store.js';
import {
  checkReceiverSecrets,
  createVerifier,
  type SignedDelivery,
  type VerificationScheme,
} from './verify-request.js';
import { checkWorkerOptions, Worker, type WorkerOptions } from './worker.js';

/** `ack-first` answers 2xx once the event is in the inbox; `sync` runs handlers before answering. */
export type ReceiverMode = 'ack-first' | 'sync';

/** Options for {@link createReceiver}. */
export interface ReceiverOptions {
  /** Signing secret(s). Several during rotation: an event signed by any of them is accepted. */
  secret: string | readonly string[];
  /** Signature scheme. Default `'standard-webhooks'` (what Hookline sends). */
  scheme?: VerificationScheme;
  /**
   * What the verified body is. `'hookline'` (default): a Hookline envelope for typed `on()`
   * handlers. `'provider'`: the scheme's own format (a Stripe event, a GitHub delivery, a
   * Shopify or Authgear webhook, a Svix-style `{ type, ... }` body) for `onProvider()` handlers.
   * Or a function that reads `{ id, type }` from any other format.
   */
  parse?: PayloadFormat;
  /** Allowed clock difference for signed timestamps, in seconds, both ways. Default 300. */
  tolerance?: number;
  /** Durable inbox and dedupe table. Default: {@link createMemoryStore} (not durable). */
  store?: ReceiverStore;
  /** Default `'ack-first'`. */
  mode?: ReceiverMode;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** When set, only these addresses / CIDR blocks may deliver (IPv4, IPv6, IPv4-mapped IPv6). */
  allowIps?: readonly string[];
  /**
   * Proxies (addresses / CIDR blocks) whose `X-Forwarded-For` is believed. The client is the
   * right-most hop that is not a trusted proxy. Default: none (the socket peer is the client).
   */
  trustedProxies?: readonly string[];
  /** Retries for failing handlers (ack-first mode). */
  retry?: RetryOptions;
  /** Worker tuning (ack-first mode). */
  worker?: WorkerOptions;
  /** Receives structured logs; secrets are masked before they reach it. Default: silent. */
  logger?: ReceiverLogger;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Names this receiver's entries in the inbox: its worker claims only those (and entries stored
   * before receivers were named), so receivers sharing one table never run, or mark done, each
   * other's events. Default `'<scheme>:<parse>'` (`'standard-webhooks:hookline'`,
   * `'github:provider'`, `'stripe:custom'` for a parse function). Keep it stable across deploys;
   * set it when two receivers with the same scheme and parse share a table — better, give each
   * receiver its own table (`tablePrefix`), since a shared table also shares the dedupe ids.
   */
  name?: string;
}

/** Per-request information the runtime knows but a Web `Request` does not carry. */
export interface FetchContext {
  /** The socket's peer address (adapters pass it; needed for `allowIps`). */
  remoteAddress?: string;
}

/** Where an error reported to `onError` happened. */
export type ErrorStage = 'request' | 'store' | 'handler' | 'catch_up' | 'worker';

/** Details passed to `onError` listeners. */
export interface ErrorInfo {
  stage: ErrorStage;
  /** The event id, when known. */
  id?: string;
  /** The parsed event, when known. */
  event?: AnyEvent;
  /** The provider-native event, when known (`parse: 'provider'`). */
  providerEvent?: ProviderEvent;
  /** Attempt number (handler stage). */
  attempt?: number;
  /** True when the event will be retried; false when it was dead-lettered. */
  willRetry?: boolean;
}

/** Counts returned by {@link Receiver.catchUp}. */
export interface CatchUpResult {
  /** Events not seen before (now in the inbox, or handled in sync mode). */
  new: number;
  /** Events already received (by push or an earlier catch-up): not handled again. */
  duplicate: number;
  /** Items that are not valid events. */
  invalid: number;
  /**
   * Sync mode only: 1 when a handler threw. Catch-up then stops there (see `stoppedAt`); the
   * event is released, so feeding the source again from before it runs it again.
   */
  failed: number;
  /**
   * Id of the event whose handler threw, when catch-up stopped early (sync mode); the rest of
   * the source was not read. Do not advance a cursor past this event.
   */
  stoppedAt?: string;
  /**
   * Id of the last event that is handled or safely in the inbox (new or duplicate). A cursor
   * may advance to it: every event up to it is taken care of.
   */
  lastHandled?: string;
}

/** A webhook receiver. See {@link createReceiver}. */
export interface Receiver {
  /** Handles one delivery: a Web `Request` in, a `Response` out. Never throws. */
  fetch(request: Request, context?: FetchContext): Promise<Response>;
  /** Handles `event` at its latest version (older deliveries are upcast). */
  on<T extends EventType>(event: T, handler: EventHandler<T, LatestVersion<T>>): () => void;
  /** Handles `event` cast to `version` (up or down, through the version chain). */
  on<T extends EventType, V extends EventVersion<T>>(
    event: T,
    options: { version: V },
    handler: EventHandler<T, V>,
  ): () => void;
  /** Handles every event as received, after the typed handlers. */
  onAny(handler: AnyEventHandler): () => void;
  /**
   * Handles provider-native events (`parse: 'provider'` or a parse function) of `type`, and of
   * every type it prefixes at a dot (`'issues'` also sees `'issues.opened'`); `'*'` sees all.
   */
  onProvider(type: string, handler: ProviderEventHandler): () => void;
  /**
   * Observes failures (handler throws, store outages, rejected requests). The listener gets a
   * copy of the error with the configured secrets masked in its message, stack and cause.
   */
  onError(listener: (error: unknown, info: ErrorInfo) => void): () => void;
  /** Starts the background worker (ack-first mode). */
  start(): void;
  /** Stops the worker and waits for running handlers to finish. */
  stop(): Promise<void>;
  /** Runs every due inbox entry now, until none is due; resolves with how many ran. */
  drain(): Promise<number>;
  /** Events whose handlers kept failing. */
  deadLetters(options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Puts a dead-lettered (or done) event back in the queue. */
  replay(id: string): Promise<void>;
  /**
   * Feeds pulled events (envelopes from `GET /v1/events`) through dedupe and handlers. In sync
   * mode it stops at the first event whose handler throws (`stoppedAt`); advance a cursor only
   * to `lastHandled`.
   */
  catchUp(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<CatchUpResult>;
  /** One inbox entry, for inspection. */
  inspect(id: string): Promise<InboxEntry | undefined>;
  /** The store in use. */
  readonly store: ReceiverStore;
  /** Largest accepted body in bytes (adapters use it to size their own limits). */
  readonly maxBodyBytes: number;
}

/** A verified delivery, in one of the two formats. */
type Received =
  /** `text`: the verified body, when storing it gives back the same event (it carries its own id and version). */
  | { kind: 'hookline'; event: AnyEvent; text?: string }
  | { kind: 'provider'; event: ProviderEvent; text: string };

interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** Statuses whose response has no body: a `Response` with a body (even '') throws for them. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What {@link accept} did with an event: handled or queued, failed inline, or a duplicate. */
type Accepted =
  | { outcome: 'new' | 'failed'; response: Response }
  | { outcome: 'duplicate'; existing: InboxEntry };

/**
 * Creates a webhook receiver: size limit → content type → IP allowlist → signature →
 * parse → dedupe → durable inbox → acknowledge → typed handlers.
 *
 * @example
 * ```ts
 * import { createReceiver } from '@hookline/receiver'
 * import { createSqliteStore } from '@hookline/receiver/sqlite'
 *
 * const receiver = createReceiver({ secret: process.env.WEBHOOK_SECRET!, store: createSqliteStore({ path: 'inbox.db' }) })
 * receiver.on('payment.succeeded', async (event) => {
 *   await markPaid(event.resource_id)
 * })
 * receiver.start()
 * export const POST = (request: Request) => receiver.fetch(request)
 * ```
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  const scheme = options.scheme ?? 'standard-webhooks';
  const secrets = checkReceiverSecrets(scheme, options.secret);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ReceiverError(
      'invalid_options',
      `maxBodyBytes must be a positive integer, got ${maxBodyBytes}.`,
    );
  }
  const mode = options.mode ?? 'ack-first';
  // Whole milliseconds, as every store keeps them (Postgres BIGINT refuses a fraction).
  const clock = options.now;
  const now = clock ? () => Math.floor(clock()) : Date.now;
  const store = options.store ?? createMemoryStore();
  const allow: IpRange[] | undefined =
    options.allowIps && parseRanges('allowIps', options.allowIps);
  const proxies = parseRanges('trustedProxies', options.trustedProxies ?? []);
  const redact = createRedactor(secrets);
  const log = createSafeLogger(options.logger, redact);
  const format = options.parse ?? 'hookline';
  const readProvider = format === 'hookline' ? undefined : createProviderReader(scheme, format);
  const verify = createVerifier({
    scheme,
    secrets,
    ...(options.tolerance === undefined ? {} : { toleranceSeconds: options.tolerance }),
    now,
  });
  checkRetryOptions(options.retry);
  const schedule = createRetrySchedule(options.retry);
  checkWorkerOptions(options.worker);
  const name = options.name ?? `${scheme}:${typeof format === 'string' ? format : 'custom'}`;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new ReceiverError(
      'invalid_options',
      `name must be a non-blank string of at most 200 characters, got ${JSON.stringify(name)}. Omit it for the default (${scheme}:<parse>).`,
    );
  }
  const leaseMs = options.worker?.leaseMs ?? 60_000;
  const registry = new HandlerRegistry();
  const errorListeners = new Set<(error: unknown, info: ErrorInfo) => void>();

  const report = (error: unknown, info: ErrorInfo) => {
    if (errorListeners.size === 0) return;
    // Listeners tend to log what they get: they see the error with the secrets masked.
    const safe = redactError(error, redact);
    for (const listener of errorListeners) {
      // A faulty listener must not break the pipeline.
      bestEffort(() => listener(safe, info));
    }
  };

  const toStoredError = (error: unknown): StoredError => {
    const safe = redactError(error, redact);
    const base = safe instanceof Error ? safe : new Error(String(safe));
    const stored: StoredError = { name: base.name, message: base.message };
    if (base.stack !== undefined) stored.stack = base.stack;
    return stored;
  };

  const contextFor = (entry: InboxEntry, attempt: number): HandlerContext => ({
    id: entry.id,
    attempt,
    source: entry.source,
    receivedAt: new Date(entry.receivedAt),
  });

  const parseStored = (entry: InboxEntry): Received => {
    if (entry.version === PROVIDER_EVENT_VERSION) {
      const event = { id: entry.id, type: entry.event, payload: JSON.parse(entry.payload) };
      return { kind: 'provider', event, text: entry.payload };
    }
    // The entry's id and version are the ones accepted. An id that came from webhook-id (a
    // sender's msg_… message id) is checked by the header rule, as when it was accepted, not by
    // the contract's evt_ rule for ids a body carries.
    const body = JSON.parse(entry.payload) as Record<string, unknown>;
    if (body.id === entry.id) delete body.id;
    const parsed = parseEvent(body, { id: entry.id, version: entry.version });
    if (!parsed.ok) throw parsed.error;
    return { kind: 'hookline', event: parsed.event };
  };

  const dispatch = (received: Received, context: HandlerContext): Promise<HandlerResult> => {
    const handled =
      received.kind === 'hookline'
        ? registry.handles(received.event.event)
        : registry.handlesProvider(received.event.type);
    if (!handled) {
      // Deliberately unhandled types land here, and so does an event whose handler only newer
      // code has (a rolling deploy): say so, since it is marked done without running anything.
      log.warn(
        'no handler registered for this event; marked done without running one. ' +
          'Register a handler (a no-op to ignore the type on purpose) and receiver.replay(id) to run it.',
        {
          id: context.id,
          event: received.kind === 'hookline' ? received.event.event : received.event.type,
        },
      );
    }
    return received.kind === 'hookline'
      ? registry.dispatch(received.event, context)
      : registry.dispatchProvider(received.event, context);
  };

  /** The event fields of an `onError` report. */
  const eventInfo = (received: Received | undefined): Pick<ErrorInfo, 'event' | 'providerEvent'> =>
    received === undefined
      ? {}
      : received.kind === 'hookline'
        ? { event: received.event }
        : { providerEvent: received.event };

  /**
   * Runs handlers while keeping the claim alive: the lease is pushed out every third of
   * `leaseMs`, so a slow handler is not mistaken for a crashed worker and run a second time.
   */
  const withHeartbeat = async <T>(id: string, token: string, run: () => Promise<T>): Promise<T> => {
    const stop = startHeartbeat({
      extend: () => store.extendLease(id, token, now() + leaseMs),
      leaseMs,
      onBeat: (held) => {
        if (!held) log.warn('lease lost while the handler was running', { id });
      },
      onError: (error) => {
        log.warn('could not extend the lease', { id, error: toStoredError(error).message });
      },
    });
    try {
      return await run();
    } finally {
      stop();
    }
  };

  /**
   * Runs the handlers for a claimed entry and settles it (ack-first / worker path). Store
   * errors propagate to the worker (reported with stage `worker`); the lease then expires
   * and the entry is claimed again.
   */
  const runClaimed = async (entry: ClaimedEntry): Promise<void> => {
    if (entry.attempts > schedule.attempts && (entry.unfinishedRuns ?? 0) >= 2) {
      await deadLetterUnfinished(entry);
      return;
    }
    let event: Received | undefined;
    try {
      const parsed = parseStored(entry);
      event = parsed;
      await withHeartbeat(entry.id, entry.token, () =>
        dispatch(parsed, contextFor(entry, entry.attempts)),
      );
    } catch (error) {
      await settleFailure(entry, event, error);
      return;
    }
    if (await store.complete(entry.id, entry.token, now())) {
      log.debug('event handled', { id: entry.id, event: entry.event, attempt: entry.attempts });
    } else {
      log.warn('lease lost before completion; another worker owns the event now', {
        id: entry.id,
      });
    }
  };

  /**
   * Dead-letters an entry whose runs are used up and whose last two runs (or more) did not
   * finish, without running it again: a handler that takes the process down would otherwise run
   * after every lease expiry, forever. The last of those runs was a take-over, which a worker
   * starts only with nothing else in flight (see Worker), so it is this event's doing, not a
   * neighbour's — unless it outlasted its lease alone and a neighbour claimed after it crashed
   * the process, or a store of your own ignores `takeOver` (README). An entry with runs used up
   * whose one run that did not finish shared the process (a neighbour's crash, a deploy) gets
   * one more run, alone.
   */
  const deadLetterUnfinished = async (entry: ClaimedEntry) => {
    const runs = entry.attempts - 1;
    const error: StoredError = {
      name: unfinishedRunError,
      message: `${unfinishedRunMessage(runs)}; ${entry.unfinishedRuns ?? 0} runs in a row did not, the last one a take-over started alone, and ${runs} of ${schedule.attempts} runs (retry.attempts) are used, so it is dead-lettered without another`,
    };
    if (!(await store.deadLetter(entry.id, entry.token, error, now()))) return;
    const fields = { id: entry.id, event: entry.event, attempt: runs, error: error.message };
    log.error('handler runs used up; event dead-lettered without another run', fields);
    let event: Received | undefined;
    try {
      event = parseStored(entry);
    } catch {
      // The entry's name is in the report either way; the parsed event only adds its type.
    }
    report(Object.assign(new Error(error.message), { name: error.name }), {
      stage: 'handler',
      id: entry.id,
      attempt: runs,
      willRetry: false,
      ...eventInfo(event),
    });
  };

  /** Schedules a retry, or dead-letters when attempts are used up (or the entry cannot be parsed). */
  const settleFailure = async (
    entry: ClaimedEntry,
    event: Received | undefined,
    error: unknown,
  ) => {
    const stored = toStoredError(error);
    const delay = event === undefined ? undefined : schedule.delayAfter(entry.attempts);
    const fields = {
      id: entry.id,
      event: entry.event,
      attempt: entry.attempts,
      error: stored.message,
    };
    if (delay === undefined) {
      await store.deadLetter(entry.id, entry.token, stored, now());
      log.error('handler failed; event dead-lettered', fields);
    } else {
      await store.fail(entry.id, entry.token, stored, now() + delay);
      log.warn('handler failed; will retry', { ...fields, delayMs: delay });
    }
    report(error, {
      stage: 'handler',
      id: entry.id,
      attempt: entry.attempts,
      willRetry: delay !== undefined,
      ...eventInfo(event),
    });
  };

  const worker = new Worker({
    store,
    receiver: name,
    run: runClaimed,
    now,
    leaseMs,
    ...options.worker,
    onError: (error) => {
      log.error('worker could not claim work', { error: toStoredError(error).message });
      report(error, { stage: 'worker' });
    },
  });

  /** Sync path: the entry is claimed by us (inserted so, or taken over); run, store the response, answer. */
  const runInline = async (
    entry: InboxEntry,
    token: string,
    event: Received,
  ): Promise<{ response: Response; outcome: 'new' | 'failed' }> => {
    /** Forgets the event, so that the sender's retry runs the handler again. */
    const release = () => store.release(entry.id, token).catch(() => false);
    let response: Response;
    let stored: StoredResponse;
    try {
      const result = await withHeartbeat(entry.id, token, () =>
        dispatch(event, contextFor(entry, entry.attempts)),
      );
      // Inside the try: an answer that cannot be serialised (a BigInt, a used-up Response) is
      // the handler's failure, not the store's.
      response = toResponse(result);
      stored = {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: await response.clone().text(),
      };
    } catch (error) {
      await release();
      log.error('sync handler failed; event released for redelivery', {
        id: entry.id,
        event: entry.event,
        error: toStoredError(error).message,
      });
      report(error, {
        stage: 'handler',
        id: entry.id,
        attempt: entry.attempts,
        willRetry: false,
        ...eventInfo(event),
      });
      const failure = new ReceiverError(
        'handler_failed',
        'The webhook handler failed. The event was not recorded, so a redelivery will run it again.',
        { status: 500 },
      );
      return { response: errorResponse(failure), outcome: 'failed' };
    }
    if (response.status < 200 || response.status >= 300) {
      // Not handled, by the handler's own answer (a 503 "try later"): the sender retries a
      // non-2xx, and its retry must run the handler again, not get this answer back.
      await release();
      log.info('sync handler answered non-2xx; event released for redelivery', {
        id: entry.id,
        event: entry.event,
        status: response.status,
      });
      return { response, outcome: 'failed' };
    }
    await store.complete(entry.id, token, now(), JSON.stringify(stored)).catch((error: unknown) => {
      // The handler ran; failing to record it only risks a second run on redelivery.
      log.error('could not mark event done', { id: entry.id, error: toStoredError(error).message });
      report(error, { stage: 'store', id: entry.id, ...eventInfo(event) });
    });
    return { response, outcome: 'new' };
  };

  /**
   * Queues a dead letter again if it is still dead, in one conditional write. A custom store
   * without `requeueDead` keeps it dead: `replay()` would also take an entry already done again.
   */
  const requeueDead = async (id: string): Promise<boolean> => {
    if (store.requeueDead !== undefined) return store.requeueDead(id, now());
    log.warn(
      'dead-lettered event redelivered by the sender; it stays a dead letter because the store has no requeueDead(). ' +
        'Run it again with receiver.replay(id).',
      { id },
    );
    return false;
  };

  /** Sync mode: an entry whose handler has not produced an answer yet (running, or queued). */
  const unanswered = (existing: InboxEntry): boolean =>
    existing.response === undefined &&
    (existing.status === 'processing' || existing.status === 'pending');

  const duplicateResponse = (existing: InboxEntry): Response => {
    if (mode === 'sync' && existing.response !== undefined) {
      const stored = JSON.parse(existing.response) as StoredResponse;
      const headers: Record<string, string> = { 'x-hookline-duplicate': 'true' };
      if (stored.contentType !== null) headers['content-type'] = stored.contentType;
      const body = NULL_BODY_STATUSES.has(stored.status) ? null : stored.body;
      return new Response(body, { status: stored.status, headers });
    }
    if (mode === 'sync' && unanswered(existing)) {
      // Never 2xx here: if the running handler then fails, a sender that got 2xx for this
      // retry would not retry again and the event would be lost.
      return errorResponse(
        new ReceiverError(
          'in_progress',
          `Event ${JSON.stringify(existing.id)} is still being handled by an earlier delivery, so it has no answer yet. ` +
            'Retry after the Retry-After delay; the retry gets the stored answer, or runs the handler if the first run failed.',
          { status: 409 },
        ),
      );
    }
    return ackResponse(true);
  };

  /** Inserts a validated event; handles it inline in sync mode. */
  const accept = async (received: Received, source: InboxSource): Promise<Accepted> => {
    const receivedAt = now();
    const entry =
      received.kind === 'hookline'
        ? {
            id: received.event.id,
            event: received.event.event,
            version: received.event.version,
            payload: received.text ?? JSON.stringify(received.event),
            source,
            receivedAt,
            receiver: name,
          }
        : {
            id: received.event.id,
            event: received.event.type,
            version: PROVIDER_EVENT_VERSION,
            payload: received.text,
            source,
            receivedAt,
            receiver: name,
          };
    // Sync mode inserts the entry claimed by this request, which runs the handler itself.
    const token = mode === 'sync' ? crypto.randomUUID() : undefined;
    let inserted: InsertResult;
    try {
      inserted = await store.insert(
        token === undefined
          ? entry
          : { ...entry, claim: { token, leaseUntil: receivedAt + leaseMs } },
      );
    } catch (error) {
      // The row may be there, claimed by this request, which will not run it (the sender is
      // told to retry): drop the claim, or its retries would wait out the lease (409).
      if (token !== undefined) await store.release(entry.id, token).catch(() => false);
      throw error;
    }
    if (!inserted.inserted) {
      const { existing } = inserted;
      if (existing.receiver !== undefined && existing.receiver !== name) {
        // Acknowledging it as a duplicate would drop it: this receiver never ran it.
        throw new Error(
          `Event ${JSON.stringify(entry.id)} is already in the inbox table under receiver ${JSON.stringify(existing.receiver)}, ` +
            `not this receiver ${JSON.stringify(name)}: receivers sharing one table share its ids. ` +
            'Give each receiver its own table (the store option tablePrefix).',
        );
      }
      if (token === undefined && source === 'push' && existing.status === 'dead') {
        // Ack-first: the sender had our 2xx, so an authentic redelivery of a dead letter is an
        // operator's resend: run it again, as replay() would, rather than absorb it as a
        // duplicate. Only if it is still dead: `existing` may be stale (a concurrent redelivery
        // or replay already queued it, and it may even be done by now).
        if (await requeueDead(entry.id)) {
          log.warn('dead-lettered event redelivered by the sender; queued again', {
            id: entry.id,
            event: entry.event,
            attempts: existing.attempts,
          });
          worker.wake();
          return { response: ackResponse(false), outcome: 'new' };
        }
      }
      if (token !== undefined && unanswered(existing)) {
        // The request that claimed it may have died mid-handler: once its lease has expired,
        // this delivery takes the claim over and runs the handler itself.
        const claimed = await store.claimEntry(entry.id, {
          now: now(),
          leaseMs,
          token,
          receiver: name,
        });
        if (claimed !== undefined) {
          log.warn('sync event taken over after its lease expired; running it again', {
            id: entry.id,
            event: entry.event,
            attempt: claimed.attempts,
          });
          return runInline(claimed, token, received);
        }
      }
      log.info('duplicate event acknowledged', { id: entry.id, event: entry.event, source });
      return { outcome: 'duplicate', existing };
    }
    log.info('event accepted', {
      id: entry.id,
      event: entry.event,
      version: entry.version,
      source,
    });
    if (token !== undefined) {
      const stored: InboxEntry = {
        ...entry,
        status: 'processing',
        attempts: 1,
        nextAttemptAt: receivedAt,
      };
      return runInline(stored, token, received);
    }
    worker.wake();
    return { response: ackResponse(false), outcome: 'new' };
  };

  const storeFailure = (error: unknown, id: string): ReceiverError => {
    log.error('inbox write failed; answering 503 so the sender retries', {
      id,
      error: toStoredError(error).message,
    });
    report(error, { stage: 'store', id });
    return new ReceiverError(
      'store_unavailable',
      'The event could not be stored; it was not accepted. Retry later.',
      { status: 503, cause: error },
    );
  };

  // A provider's own event sent to a receiver that expects Hookline envelopes: say how to fix it.
  const providerHint =
    scheme === 'standard-webhooks'
      ? ''
      : ` If this is a ${scheme} event rather than a Hookline envelope, set parse: 'provider' in createReceiver() and register onProvider() handlers.`;

  /** Parses a verified Hookline body (JSON parsed once); a malformed one is a 400. */
  const parseHookline = ({ text, id }: SignedDelivery, headers: Headers): Received => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text; // parseEvent words the invalid_json error.
    }
    // The id falls back to the signed message id (webhook-id, or its svix-id alias), the
    // version to the X-Webhook-Version header.
    const parsed = parseEvent(body, id === undefined ? { headers } : { id, headers });
    if (!parsed.ok) {
      throw new ReceiverError(parsed.error.code, parsed.error.message + providerHint, {
        status: 400,
        cause: parsed.error,
      });
    }
    // A body with its own id and version parses to the same event without the headers, so
    // the inbox keeps the verified text instead of serialising the event again.
    const own = body as { id?: unknown; version?: unknown };
    return own.id !== undefined && own.version !== undefined
      ? { kind: 'hookline', event: parsed.event, text }
      : { kind: 'hookline', event: parsed.event };
  };

  /** Parses a verified body in the configured format; a malformed one is a 400. */
  const parseVerified = (signed: SignedDelivery, headers: Headers): Received => {
    if (readProvider === undefined) return parseHookline(signed, headers);
    const { text } = signed;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // No cause: the SyntaxError's message quotes the body (personal data, tokens).
      throw new ReceiverError(
        'invalid_json',
        `The ${scheme} delivery body is not valid JSON. The sender must post a JSON body.`,
        { status: 400 },
      );
    }
    return { kind: 'provider', event: readProvider(body, headers, signed), text };
  };

  const pipeline = async (request: Request, context: FetchContext): Promise<Response> => {
    if (request.method !== 'POST') throw methodNotAllowed(request.method);
    const headers = request.headers;
    checkContentLength(headers, maxBodyBytes);
    checkContentType(headers);
    checkContentEncoding(headers);
    if (allow) {
      const client = resolveClientAddress(
        context.remoteAddress,
        headers.get('x-forwarded-for'),
        proxies,
      );
      if (!isAddressAllowed(client, allow)) {
        throw new ReceiverError(
          'ip_not_allowed',
          context.remoteAddress === undefined
            ? 'The sender address is unknown, so the IP allowlist cannot admit it. Pass { remoteAddress } to receiver.fetch() (the adapters do).'
            : 'The sender address is not in the allowlist.',
          { status: 403 },
        );
      }
    }
    const body = await readBody(request, maxBodyBytes);
    const received = parseVerified(await verify(body, headers), headers);
    let accepted: Accepted;
    try {
      accepted = await accept(received, 'push');
    } catch (error) {
      throw storeFailure(error, received.event.id);
    }
    // Outside the try: a fault building the answer is the receiver's, not a store outage.
    return accepted.outcome === 'duplicate'
      ? duplicateResponse(accepted.existing)
      : accepted.response;
  };

  /** The answer to a refused request, logged and reported (a store outage already was). */
  const refuse = (failure: ReceiverError): Response => {
    if (failure.code !== 'store_unavailable') {
      log.warn('delivery rejected', {
        code: failure.code,
        status: failure.status,
        message: failure.message,
      });
      report(failure, { stage: 'request' });
    }
    return errorResponse(failure);
  };

  const receiver: Receiver = {
    store,
    maxBodyBytes,
    async fetch(request, context = {}) {
      try {
        return await pipeline(request, context);
      } catch (error) {
        const failure = isReceiverError(error)
          ? error
          : new ReceiverError('handler_failed', 'The receiver failed unexpectedly.', {
              status: 500,
              cause: error,
            });
        await request.body?.cancel().catch(() => undefined);
        return refuse(failure);
      }
    },
    on(event: EventType, ...args: unknown[]) {
      const [options, handler] = (args.length === 1 ? [{}, args[0]] : args) as [
        { version?: number },
        (event: AnyEvent, context: HandlerContext) => unknown,
      ];
      return registry.add(event, options.version ?? latestVersion(event), handler);
    },
    onAny(handler) {
      return registry.add(undefined, undefined, handler);
    },
    onProvider(type, handler) {
      return registry.addProvider(type, handler);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    start() {
      worker.start();
    },
    stop() {
      return worker.stop();
    },
    drain() {
      return worker.drain();
    },
    async deadLetters(listOptions) {
      const limit = listOptions?.limit;
      if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
        // The stores read a negative or fractional limit three different ways.
        throw new ReceiverError(
          'invalid_options',
          `deadLetters: limit must be a whole number of at least 0 (got ${String(limit)}); omit it for all.`,
        );
      }
      return store.listDeadLetters(listOptions);
    },
    async replay(id) {
      if (!(await store.replay(id, now()))) {
        throw new ReceiverError(
          'not_found',
          `No dead-lettered or completed event with id ${JSON.stringify(id)} to replay. ` +
            'List candidates with receiver.deadLetters().',
          { status: 404 },
        );
      }
      worker.wake();
    },
    async catchUp(source) {
      const counts: CatchUpResult = { new: 0, duplicate: 0, invalid: 0, failed: 0 };
      for await (const item of source) {
        const parsed = parseEvent(item);
        if (!parsed.ok) {
          counts.invalid += 1;
          log.warn('catch-up skipped an invalid event', {
            code: parsed.error.code,
            message: parsed.error.message,
          });
          report(parsed.error, { stage: 'catch_up' });
          continue;
        }
        let accepted: Accepted;
        try {
          accepted = await accept({ kind: 'hookline', event: parsed.event }, 'pull');
        } catch (error) {
          throw storeFailure(error, parsed.event.id);
        }
        const { outcome } = accepted;
        counts[outcome] += 1;
        if (
          mode === 'sync' &&
          outcome === 'duplicate' &&
          accepted.existing.status === 'processing' &&
          accepted.existing.response === undefined
        ) {
          // A push is handling it right now and may still fail, which releases it: it is not
          // taken care of yet, so a cursor must not move past it.
          counts.stoppedAt = parsed.event.id;
          log.warn('catch-up stopped at an event another delivery is still handling', {
            id: parsed.event.id,
          });
          break;
        }
        if (outcome === 'failed') {
          // A cursor source has already moved past this event: stop so nothing after it is
          // consumed, and say where, so the caller never advances its cursor beyond it.
          counts.stoppedAt = parsed.event.id;
          log.warn('catch-up stopped at an event whose handler failed', { id: parsed.event.id });
          break;
        }
        counts.lastHandled = parsed.event.id;
      }
      return counts;
    },
    inspect(id) {
      return store.get(id);
    },
  };
  setRefuser(receiver, refuse);
  return receiver;
}

function toResponse(result: HandlerResult): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return jsonResponse(200, { received: true });
  return jsonResponse(200, result);
}
