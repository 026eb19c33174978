import { ReceiverError } from './receiver-error.js';
import type { VerificationScheme } from './verify-request.js';

/**
 * An event in a provider's own format (a Stripe event, a GitHub delivery, ...), as handlers
 * registered with `receiver.onProvider()` receive it.
 */
export interface ProviderEvent {
  /** The provider's delivery / event id: the dedupe key (Stripe `evt_...`, `X-GitHub-Delivery`). */
  id: string;
  /** The provider's event type (`payment_intent.succeeded`, `issues.opened`, `orders/create`). */
  type: string;
  /** The parsed JSON body, exactly as the provider sent it. Validate it before trusting its shape. */
  payload: unknown;
}

/** What a {@link ProviderEventParser} reads from a verified delivery; both are required. */
export interface ProviderEventFields {
  id?: string | undefined;
  type?: string | undefined;
}

/**
 * Reads the id and type of a provider-native delivery from its parsed JSON body and headers.
 * Runs only after the signature was verified; `signed.id` is the message id the signature
 * covers, for schemes that sign one (Standard Webhooks: `webhook-id` or `svix-id`).
 *
 * @example
 * ```ts
 * // Clerk / Resend (Svix): the signed id, type in the body
 * const parse: ProviderEventParser = (body, _headers, signed) => ({
 *   id: signed.id,
 *   type: (body as { type?: string }).type,
 * })
 * ```
 */
export type ProviderEventParser = (
  body: unknown,
  headers: Headers,
  signed: { id: string | undefined },
) => ProviderEventFields;

/**
 * How the receiver reads a verified body: `'hookline'` (a Hookline envelope, typed `on()`
 * handlers), `'provider'` (the scheme's own format, `onProvider()` handlers) or your own
 * {@link ProviderEventParser} for any other format.
 */
export type PayloadFormat = 'hookline' | 'provider' | ProviderEventParser;

/** The inbox `version` of a provider-native entry (Hookline versions start at 1). */
export const PROVIDER_EVENT_VERSION = 0;

/**
 * Longest provider event id accepted, in bytes of UTF-8. Real ids are far shorter (Stripe
 * `evt_` + 24, GitHub a 36-character GUID); the bound keeps every id indexable by every store
 * (a Postgres btree entry holds about 2.7 kB).
 */
export const MAX_PROVIDER_ID_BYTES = 1024;

const utf8 = new TextEncoder();

interface BuiltInParser {
  parse: ProviderEventParser;
  /** Where the id and type are read from, for error messages. */
  idSource: string;
  typeSource: string;
}

const field = (body: unknown, name: string): string | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

const header = (headers: Headers, name: string): string | undefined =>
  headers.get(name) ?? undefined;

const BUILT_IN: Record<VerificationScheme, BuiltInParser> = {
  stripe: {
    parse: (body) => ({ id: field(body, 'id'), type: field(body, 'type') }),
    idSource: 'the body field "id" (evt_...)',
    typeSource: 'the body field "type"',
  },
  github: {
    parse: (body, headers) => {
      const event = header(headers, 'x-github-event');
      const action = field(body, 'action');
      return {
        id: header(headers, 'x-github-delivery'),
        type: event !== undefined && action !== undefined ? `${event}.${action}` : event,
      };
    },
    idSource: 'the X-GitHub-Delivery header',
    typeSource: 'the X-GitHub-Event header',
  },
  shopify: {
    parse: (_body, headers) => ({
      id: header(headers, 'x-shopify-webhook-id'),
      type: header(headers, 'x-shopify-topic'),
    }),
    idSource: 'the X-Shopify-Webhook-Id header',
    typeSource: 'the X-Shopify-Topic header',
  },
  authgear: {
    parse: (body) => ({ id: field(body, 'id'), type: field(body, 'type') }),
    idSource: 'the body field "id"',
    typeSource: 'the body field "type"',
  },
  'standard-webhooks': {
    parse: (body, _headers, signed) => ({ id: signed.id, type: field(body, 'type') }),
    idSource: 'the webhook-id (or svix-id) header',
    typeSource: 'the body field "type"',
  },
};

const CUSTOM: Omit<BuiltInParser, 'parse'> = {
  idSource: 'the `parse` function result',
  typeSource: 'the `parse` function result',
};

/**
 * Builds the step that turns a verified JSON body into a {@link ProviderEvent}.
 *
 * @throws {ReceiverError} `missing_provider_id` / `missing_provider_type` (400) when the
 * delivery lacks them, or the id is longer than {@link MAX_PROVIDER_ID_BYTES}.
 */
export function createProviderReader(
  scheme: VerificationScheme,
  format: 'provider' | ProviderEventParser,
): (body: unknown, headers: Headers, signed: { id: string | undefined }) => ProviderEvent {
  const { parse, idSource, typeSource } =
    format === 'provider' ? BUILT_IN[scheme] : { parse: format, ...CUSTOM };
  return (body, headers, signed) => {
    const { id, type } = parse(body, headers, signed);
    // NUL cannot be stored (Postgres text refuses it): such an id or type is as good as none.
    if (typeof id !== 'string' || id.length === 0 || id.includes('\0')) {
      throw new ReceiverError(
        'missing_provider_id',
        `The ${scheme} delivery has no usable event id in ${idSource} (missing, empty or holding a NUL character), so it cannot be deduplicated. ` +
          'Check that a proxy does not strip headers and that `scheme` matches the sender.',
        { status: 400 },
      );
    }
    // Length first: a cheap upper bound (UTF-8 takes at most 3 bytes per UTF-16 unit).
    if (id.length * 3 > MAX_PROVIDER_ID_BYTES && utf8.encode(id).length > MAX_PROVIDER_ID_BYTES) {
      throw new ReceiverError(
        'missing_provider_id',
        `The ${scheme} delivery's event id in ${idSource} is longer than ${MAX_PROVIDER_ID_BYTES} bytes (${utf8.encode(id).length}), so it cannot be used as a dedupe key. ` +
          'Check that `scheme` matches the sender and that the id comes from the right field.',
        { status: 400 },
      );
    }
    if (typeof type !== 'string' || type.length === 0 || type.includes('\0')) {
      throw new ReceiverError(
        'missing_provider_type',
        `The ${scheme} delivery ${JSON.stringify(id)} has no usable event type in ${typeSource} (missing, empty or holding a NUL character), so no handler can be chosen. ` +
          'Check that a proxy does not strip headers and that `scheme` matches the sender.',
        { status: 400 },
      );
    }
    return { id, type, payload: body };
  };
}
