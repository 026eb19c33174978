/** Every way parsing or casting an event can fail. The union is closed: switch on it exhaustively. */
export type HooklineEventErrorCode =
  /** The body is a string or bytes that is not valid JSON (or not UTF-8). */
  | 'invalid_json'
  /** The envelope (id, event, version, timestamp, resource_id, metadata) is malformed. */
  | 'invalid_envelope'
  /** No event id in the body, in `context.id` or in the `webhook-id` header. */
  | 'missing_id'
  /** The body's `version` and the `X-Webhook-Version` header (or `context.version`) disagree. */
  | 'version_mismatch'
  /** The `event` name is not in the catalog. */
  | 'unknown_event'
  /** The event name is known but this version of it is not. */
  | 'unknown_version'
  /** The envelope is fine but `metadata` does not match the contract of that event and version. */
  | 'invalid_metadata'
  /** `castEvent` cannot reach the requested version (unknown version, or no migration step). */
  | 'cast_unavailable';

/** One precise problem found in an input: where (`path`, like zod's) and what. */
export interface EventIssue {
  /** Path from the envelope root, e.g. `['metadata', 'client', 'ip_address']`. Empty for the root. */
  readonly path: readonly (string | number)[];
  /** What was wrong, in words. */
  readonly message: string;
}

/** Options accepted by the {@link HooklineEventError} constructor. */
export interface HooklineEventErrorOptions {
  readonly issues?: readonly EventIssue[];
  readonly cause?: unknown;
  /** The event name involved, when known. */
  readonly event?: string;
  /** The event version involved, when known. */
  readonly version?: number;
}

const CODES_WITH_CLIENT_STATUS: ReadonlySet<HooklineEventErrorCode> =
  new Set<HooklineEventErrorCode>([
    'invalid_json',
    'invalid_envelope',
    'missing_id',
    'version_mismatch',
    'unknown_event',
    'unknown_version',
    'invalid_metadata',
  ]);

/**
 * The one error type of `@hookline/events`. `code` is a closed union; `issues` lists every
 * problem with its path; `status` is the HTTP status a receiver should answer with
 * (400 for bad input, 500 when the failure is on the receiving side, e.g. a cast it cannot do).
 *
 * @example
 * try { parseEventOrThrow(body) } catch (e) {
 *   if (isHooklineEventError(e) && e.code === 'unknown_event') return new Response(null, { status: 400 });
 *   throw e;
 * }
 */
export class HooklineEventError extends Error {
  override readonly name = 'HooklineEventError';
  /** Machine-readable reason; stable across releases. */
  readonly code: HooklineEventErrorCode;
  /** 400 when the input was bad, 500 when the receiving code asked for something impossible. */
  readonly status: 400 | 500;
  /** Every problem found, each with its path. Empty when the code says it all. */
  readonly issues: readonly EventIssue[];
  /** The event name involved, when known. */
  readonly event: string | undefined;
  /** The event version involved, when known. */
  readonly version: number | undefined;

  constructor(
    code: HooklineEventErrorCode,
    message: string,
    options: HooklineEventErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = CODES_WITH_CLIENT_STATUS.has(code) ? 400 : 500;
    this.issues = options.issues ?? [];
    this.event = options.event;
    this.version = options.version;
  }
}

/** Alias used by `parseEvent`'s result type: a parse failure is a {@link HooklineEventError}. */
export type EventParseError = HooklineEventError;

/** True when `value` is a {@link HooklineEventError} (also across bundle copies, by shape). */
export function isHooklineEventError(value: unknown): value is HooklineEventError {
  if (value instanceof HooklineEventError) return true;
  return (
    value instanceof Error &&
    value.name === 'HooklineEventError' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}
