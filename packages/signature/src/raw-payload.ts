import { fromUtf8, utf8 } from './encoding/bytes.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * The body exactly as received: a string, or bytes (`Uint8Array`, which includes Node's
 * `Buffer`, or an `ArrayBuffer`). Never a parsed object.
 */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** A payload as both bytes (to sign) and text (to hand back). */
export interface RawPayload {
  readonly bytes: Uint8Array;
  readonly text: string;
}

/** How to get the raw body in common frameworks; part of the `payload_not_raw` message. */
export const rawBodyHint =
  'Pass the body exactly as received (a string, Uint8Array/Buffer or ArrayBuffer), before any JSON parsing: ' +
  "Express: app.post(path, express.raw({ type: 'application/json' }), ...) and pass req.body; " +
  'Next.js App Router / fetch handlers: await request.text(); ' +
  "Fastify: app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)); " +
  'Hono: await c.req.text().';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'a plain object';
  }
  return `a ${typeof value}`;
}

// Tags rather than instanceof: bytes from another realm (a vm context, a test environment
// such as jsdom) are still bytes.
function tagOf(value: object): string {
  return Object.prototype.toString.call(value);
}

/**
 * Turns the payload into bytes and text, refusing anything already parsed with
 * `payload_not_raw`: re-serialising JSON changes whitespace and key order, so a signature
 * over the original bytes could never match.
 */
export function toRawPayload(payload: unknown): RawPayload {
  if (typeof payload === 'string') return { bytes: utf8(payload), text: payload };
  const bytes = payloadBytes(payload);
  return { bytes, text: fromUtf8(bytes) };
}

/** The payload's bytes, refusing anything already parsed as {@link toRawPayload} does. */
export function payloadBytes(payload: unknown): Uint8Array {
  if (typeof payload === 'string') return utf8(payload);
  if (typeof payload === 'object' && payload !== null) {
    const tag = tagOf(payload);
    if (tag === '[object Uint8Array]') return payload as Uint8Array;
    if (tag === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  }
  throw new WebhookVerificationError(
    'payload_not_raw',
    `The webhook payload is ${describe(payload)}, not the raw body, so its signature cannot be checked. ${rawBodyHint}`,
  );
}
