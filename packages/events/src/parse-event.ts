import type { z } from 'zod';
import { eventTypes, eventVersions, getEventDefinition } from './catalog.js';
import { envelopeSchema } from './envelope.js';
import { type EventIssue, HooklineEventError } from './event-error.js';
import { type HeadersLike, readHeader } from './read-header.js';
import type { AnyEvent } from './types.js';

/**
 * Where the id and version come from when the body does not carry them: the Standard Webhooks
 * `webhook-id` header and Hookline's `X-Webhook-Version` header.
 */
export interface ParseEventContext {
  /** The event id from the `webhook-id` header; wins over `headers`. */
  readonly id?: string | undefined;
  /** The version from `X-Webhook-Version`; wins over `headers`. */
  readonly version?: number | undefined;
  /** Request headers; `webhook-id` and `x-webhook-version` are read from them (any case). */
  readonly headers?: HeadersLike | undefined;
}

/** What {@link parseEvent} returns: the typed event, or the reason it is not one. */
export type ParseEventResult =
  | { readonly ok: true; readonly event: AnyEvent }
  | { readonly ok: false; readonly error: HooklineEventError };

const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Parses a webhook body into the typed event union, checking it against the contract of its
 * event type and version. Never throws; see {@link parseEventOrThrow} for the throwing form.
 *
 * `input` is the raw body (string, `Uint8Array`, `ArrayBuffer`) or an already-parsed object.
 * Id and version come from the body; when the body lacks them, from `context`
 * (`webhook-id`, `X-Webhook-Version`). The version defaults to 1 when nobody says.
 *
 * A body `id` wins over `webhook-id`: Standard Webhooks senders such as Svix put their own
 * message id (`msg_...`) in `webhook-id`, which may differ from the event id in the body, and
 * both are covered by the signature. An id taken from the header may have any form Standard
 * Webhooks allows (1-256 letters, digits, `_` or `-`), not only `evt_...`. A body `version`
 * that disagrees with `X-Webhook-Version` is `version_mismatch`: that header is Hookline's own
 * and names the version of the body it comes with.
 *
 * Error codes: `invalid_json`, `invalid_envelope`, `missing_id`, `version_mismatch`,
 * `unknown_event`, `unknown_version`, `invalid_metadata`.
 *
 * @example
 * const result = parseEvent(rawBody, { headers: request.headers });
 * if (!result.ok) return new Response(result.error.message, { status: result.error.status });
 * if (result.event.event === 'user.login' && result.event.version === 1) {
 *   console.log(result.event.metadata.ip_address);
 * }
 */
export function parseEvent(input: unknown, context: ParseEventContext = {}): ParseEventResult {
  try {
    return { ok: true, event: parseEventOrThrow(input, context) };
  } catch (error) {
    if (error instanceof HooklineEventError) return { ok: false, error };
    throw error;
  }
}

/**
 * Like {@link parseEvent}, but returns the event and throws {@link HooklineEventError}.
 *
 * @example
 * const event = parseEventOrThrow('{"event":"user.login",...}', { id: 'evt_123' });
 */
export function parseEventOrThrow(input: unknown, context: ParseEventContext = {}): AnyEvent {
  const body = decodeBody(input);
  const headerId = body.id === undefined ? resolveHeaderId(context) : undefined;
  const version = resolveVersion(body, context);
  // A header id is the sender's message id and is checked by its own rule (above); the
  // contract's `evt_` rule applies to ids that the body itself carries.
  const candidate = { ...body, id: headerId === undefined ? body.id : HEADER_ID_STAND_IN, version };

  // Fast path: a known event and version go straight to their own schema, which checks the
  // envelope too. The generic envelope is only checked to explain an unknown event/version.
  const definition =
    typeof body.event === 'string' && typeof version === 'number'
      ? getEventDefinition(body.event, version)
      : undefined;
  if (definition === undefined) throw explainUnknown(candidate);
  const { event: name, version: resolvedVersion } = definition;

  const parsed = definition.schema.safeParse(candidate);
  if (!parsed.success) {
    // A missing or non-object metadata breaks the envelope itself, as it does for an unknown
    // version (explainUnknown); invalid_metadata is for an object that breaks the contract.
    const onlyMetadata =
      isObject(body.metadata) && parsed.error.issues.every((issue) => issue.path[0] === 'metadata');
    throw invalid(
      onlyMetadata ? 'invalid_metadata' : 'invalid_envelope',
      onlyMetadata
        ? `The metadata does not match the contract of ${name} v${resolvedVersion}`
        : `The body does not match the contract of ${name} v${resolvedVersion}`,
      parsed.error,
      candidate,
    );
  }
  return (headerId === undefined ? parsed.data : { ...parsed.data, id: headerId }) as AnyEvent;
}

/** Stands in for a header-supplied id while the rest of the envelope is validated. */
const HEADER_ID_STAND_IN = 'evt_from_webhook_id_header';

/** What Standard Webhooks allows as a message id (`webhook-id`). */
const WEBHOOK_ID_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Whether sender text (an event name, a key) may be quoted in an error: it looks like a name.
 * Messages go to logs and HTTP answers, so anything else is told by its length only.
 */
function isNameLike(text: string): boolean {
  return /^[A-Za-z0-9_.-]{1,100}$/.test(text);
}

/** Sender text as an error message may show it: itself when name-like, else its length. */
function shown(text: string, quote: string, what: string): string {
  return isNameLike(text)
    ? `${quote}${text}${quote}`
    : `(${text.length} characters that are not ${what})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error for a body whose (event, version) is not in the catalog: a bad envelope first. */
function explainUnknown(candidate: Record<string, unknown>): HooklineEventError {
  const envelope = envelopeSchema.safeParse(candidate);
  if (!envelope.success) {
    return invalid(
      'invalid_envelope',
      'The body is not a Hookline event envelope { id, event, version, timestamp, resource_id, metadata }',
      envelope.error,
      candidate,
    );
  }
  const { event: name, version } = envelope.data;
  const versions = eventVersions(name);
  if (versions.length === 0) {
    // Quoted only when it looks like an event name: the field is the sender's text.
    const what = shown(name, '"', 'an event name');
    return new HooklineEventError(
      'unknown_event',
      `Unknown event type ${what}. Expected one of: ${eventTypes.join(', ')}. ` +
        'Upgrade @hookline/events if the sender added a new event type.',
      {
        issues: [{ path: ['event'], message: `Unknown event type ${what}` }],
        ...(isNameLike(name) ? { event: name } : {}),
      },
    );
  }
  return new HooklineEventError(
    'unknown_version',
    `Unknown version ${version} of "${name}"; known versions: ${versions.join(', ')}. ` +
      'Pin your endpoint to a known version, or upgrade @hookline/events.',
    {
      issues: [{ path: ['version'], message: `Unknown version ${version} of "${name}"` }],
      event: name,
      version,
    },
  );
}

/**
 * An `ArrayBuffer` or `SharedArrayBuffer` from any realm: `instanceof ArrayBuffer` misses
 * buffers made in a `vm` context or by jsdom, and every `SharedArrayBuffer`.
 */
function isArrayBuffer(value: unknown): value is ArrayBufferLike {
  const tag = Object.prototype.toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

/** Turns string/bytes into JSON and checks for an object. */
function decodeBody(input: unknown): Record<string, unknown> {
  let value = input;
  // ArrayBuffer.isView works across realms (it reads an internal slot, not the prototype).
  if (typeof input === 'string' || isArrayBuffer(input) || ArrayBuffer.isView(input)) {
    let text: string;
    try {
      // TextDecoder drops a leading byte order mark from bytes; a string loses it the same way.
      text =
        typeof input === 'string'
          ? input.replace(/^\uFEFF/, '')
          : new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (cause) {
      throw new HooklineEventError(
        'invalid_json',
        'The body is not valid UTF-8. Pass the raw request body bytes as received.',
        { cause },
      );
    }
    try {
      value = JSON.parse(text);
    } catch (cause) {
      // V8's message (and so the SyntaxError itself) quotes the body, which may carry personal
      // data or tokens and ends up in logs: only the position is kept, and no cause.
      const position =
        cause instanceof Error ? / at position (\d+)/.exec(cause.message)?.[1] : undefined;
      const where =
        text.trim() === '' ? ' (it is empty)' : position ? ` (at character ${position})` : '';
      throw new HooklineEventError(
        'invalid_json',
        `The body is not valid JSON${where}. Pass the raw request body, or the object it parses to.`,
      );
    }
  }
  if (!isObject(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new HooklineEventError(
      'invalid_envelope',
      `Expected the body to be a JSON object (the event envelope), got ${got}.`,
      { issues: [{ path: [], message: `Expected an object, got ${got}` }] },
    );
  }
  return value;
}

function resolveHeaderId(context: ParseEventContext): string {
  const fromContext = context.id ?? readHeader(context.headers, 'webhook-id');
  if (fromContext === undefined) {
    throw new HooklineEventError(
      'missing_id',
      'The event has no id: the body has no "id" and no webhook-id header was given. ' +
        'Pass { headers } or { id } as the second argument of parseEvent.',
      { issues: [{ path: ['id'], message: 'Missing event id' }] },
    );
  }
  if (!WEBHOOK_ID_PATTERN.test(fromContext)) {
    throw new HooklineEventError(
      'invalid_envelope',
      `The webhook-id header must be 1-256 letters, digits, "_" or "-" (got ${fromContext.length} characters that are not). ` +
        'Check that the sender follows Standard Webhooks.',
      { issues: [{ path: ['id'], message: 'webhook-id is not a valid message id' }] },
    );
  }
  return fromContext;
}

function resolveVersion(body: Record<string, unknown>, context: ParseEventContext): unknown {
  const fromContext = contextVersion(context);
  if (body.version === undefined) return fromContext ?? 1;
  if (
    fromContext !== undefined &&
    typeof body.version === 'number' &&
    body.version !== fromContext
  ) {
    throw new HooklineEventError(
      'version_mismatch',
      `The body's version ${body.version} differs from the X-Webhook-Version header ${fromContext}. ` +
        'A sender must set X-Webhook-Version to the version of the body it sends.',
      { issues: [{ path: ['version'], message: 'Body version and X-Webhook-Version differ' }] },
    );
  }
  return body.version;
}

function contextVersion(context: ParseEventContext): number | undefined {
  if (context.version !== undefined) {
    if (!Number.isSafeInteger(context.version) || context.version < 1) {
      throw badVersionHeader(String(context.version));
    }
    return context.version;
  }
  const header = readHeader(context.headers, 'x-webhook-version');
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (!/^[1-9]\d{0,8}$/.test(trimmed)) throw badVersionHeader(header);
  return Number(trimmed);
}

function badVersionHeader(value: string): HooklineEventError {
  return new HooklineEventError(
    'invalid_envelope',
    `X-Webhook-Version must be a positive integer like "2", got "${value.slice(0, 32)}".`,
    { issues: [{ path: ['version'], message: 'X-Webhook-Version is not a positive integer' }] },
  );
}

function invalid(
  code: 'invalid_envelope' | 'invalid_metadata',
  what: string,
  error: z.ZodError,
  candidate: { event?: unknown; version?: unknown },
): HooklineEventError {
  const issues: EventIssue[] = error.issues.flatMap((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    // One issue per unknown key, at the key's own path, rather than one at the parent.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message:
          'Unrecognized key: not part of this contract (remove it, or use a version that has it)',
      }));
    }
    return [{ path, message: issue.message }];
  });
  // The message shows a key only when it looks like a field name: unknown keys are the sender's
  // text (a header pasted into the body, 100 kB of junk). With at most 5 issues, paths as deep
  // as the schema and messages from the schema, the message stays short. `issues` keeps exact
  // paths, for code; receivers answer with the message only.
  const listed = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((issue) => `${messagePath(issue.path)}: ${issue.message}`)
    .join('; ');
  const more =
    issues.length > MAX_ISSUES_IN_MESSAGE
      ? ` (and ${issues.length - MAX_ISSUES_IN_MESSAGE} more, see error.issues)`
      : '';
  return new HooklineEventError(code, `${what}: ${listed}${more}.`, {
    issues,
    cause: error,
    ...(typeof candidate.event === 'string' && isNameLike(candidate.event)
      ? { event: candidate.event }
      : {}),
    ...(typeof candidate.version === 'number' ? { version: candidate.version } : {}),
  });
}

/** A path as an error message shows it: `metadata.client.ip_address`, `(root)` when empty. */
function messagePath(path: EventIssue['path']): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key) => (typeof key === 'number' ? String(key) : shown(key, '', 'a field name')))
    .join('.');
}
