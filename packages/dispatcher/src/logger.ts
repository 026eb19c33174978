import { bestEffort } from '@hookline/internal';

/**
 * Where the dispatcher reports what it does. Fields are plain data (ids, URLs, status codes,
 * errors); secrets and payload bodies are never passed.
 */
export interface DispatcherLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * `logger` with each method made best effort: a throw, or an async logger's rejection, is
 * dropped, so a failing log sink cannot stop the worker, fail a publish or surface as an
 * unhandled rejection. Levels the logger lacks stay absent (callers skip building their fields).
 */
export function bestEffortLogger(logger: DispatcherLogger | undefined): DispatcherLogger {
  const safe: DispatcherLogger = {};
  if (!logger) return safe;
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (!logger[level]) continue;
    safe[level] = (message, fields) => {
      // Looked up on every call: loggers such as pino swap their methods when the level changes.
      const target = logger[level];
      if (target) bestEffort(() => target.call(logger, message, fields));
    };
  }
  return safe;
}

/**
 * A path segment that looks like a credential: 16 or more characters with at least one letter
 * and one digit (Slack's and Discord's tokens, a Telegram `bot<id>:<token>`, a JWT, base64). A
 * readable name such as `stripe-payments-live` has no digit and stays.
 */
const tokenLike = /^(?=.*[0-9])(?=.*[A-Za-z]).{16,}$/;

/**
 * An endpoint URL as logs show it: origin and path only. Query strings and fragments are cut,
 * and path segments that look like tokens are masked (`…`), because some receivers put access
 * tokens there (Slack's and Discord's webhook URLs carry theirs in the path).
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname
      .split('/')
      .map((segment) => (tokenLike.test(segment) ? '…' : segment))
      .join('/');
    return `${parsed.origin}${path}${parsed.search === '' ? '' : '?…'}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The parts of `url` that {@link redactUrl} hides — its query (as written and as a URL object
 * prints it, percent-encoded), and its token-like path segments (both ways too) — longest
 * first: what to mask in a text that quotes them, such as a transport's error.
 */
export function urlSecrets(url: string): string[] {
  const found = new Set<string>();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // Only the text as written.
  }
  const written = url.includes('?') ? url.slice(url.indexOf('?')).split('#')[0]! : '';
  for (const query of [written, parsed?.search ?? '']) {
    if (query.length <= 1) continue;
    found.add(query);
    // The query alone, when it is long enough to be a token (not a stray `v=1` in a text).
    if (query.length > 8) found.add(query.slice(1));
  }
  for (const segment of (parsed?.pathname ?? '').split('/')) {
    if (!tokenLike.test(segment)) continue;
    found.add(segment);
    try {
      found.add(decodeURIComponent(segment));
    } catch {
      // Not percent-encoding: the segment as it is.
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Something an operator should know about, beside the log line. */
export type OperationalEvent =
  | {
      type: 'endpoint.disabled';
      endpointId: string;
      /** The endpoint URL without its query string or token-like path segments (see {@link redactUrl}). */
      url: string;
      /** `gone`: the receiver answered 410; `failing`: failing continuously for `disableAfterMs`. */
      reason: 'gone' | 'failing' | 'manual';
      /** Start of the failure run, for `failing`. */
      failingSince: number | null;
      /** Pending deliveries that were dead-lettered with it (replayable). */
      deadLettered: number;
      at: number;
    }
  | {
      type: 'delivery.dead_lettered';
      deliveryId: string;
      eventId: string;
      endpointId: string;
      attempts: number;
      error: string | null;
      at: number;
    };
