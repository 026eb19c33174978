import {
  type CryptoSteps,
  hmacSha256,
  matchesAny,
  type PresentedSignature,
} from '../crypto/crypto-steps.js';
import { concatBytes, utf8 } from '../encoding/bytes.js';
import { decodeHex, encodeHex } from '../encoding/hex.js';
import { type HeadersLike, readHeader } from '../headers-like.js';
import { toRawPayload, type WebhookPayload } from '../raw-payload.js';
import type { SchemeDefinition } from '../scheme-definition.js';
import { type SecretInput, toSecretList, whitespaceHint } from '../secret-list.js';
import { assertFresh, parseTimestamp, signingTimestamp, type VerifyOptions } from '../timestamp.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';
import { utf8SecretKey } from './utf8-secret-key.js';

/** A verified Stripe delivery. */
export interface VerifiedStripeWebhook {
  /** The `t=` timestamp, in Unix seconds. */
  timestamp: number;
  /** The body as received, decoded as UTF-8 (the Event object as JSON). */
  payload: string;
}

/** What `stripe.sign` takes. */
export interface StripeSignInput {
  /** The exact body that will be sent. */
  payload: WebhookPayload;
  /** The endpoint secret (`whsec_...`, used as text), or several: one `v1=` per secret. */
  secret: SecretInput;
  /** Unix seconds. Default: now. */
  timestamp?: number | undefined;
}

/** The header `stripe.sign` returns. */
// A type alias, not an interface, so it is assignable to header records and HeadersInit.
export type StripeSignatureHeaders = {
  'stripe-signature': string;
};

const HEADER = 'stripe-signature';

function parseStripeHeader(value: string): { timestamp: string; signatures: PresentedSignature[] } {
  let timestamp: string | undefined;
  const signatures: PresentedSignature[] = [];
  for (const item of value.split(',')) {
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    const key = item.slice(0, equals).trim();
    const text = item.slice(equals + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) {
        throw new WebhookVerificationError(
          'invalid_signature_header',
          'The Stripe-Signature header has more than one t= timestamp. A genuine Stripe header has exactly one.',
        );
      }
      timestamp = text;
    } else if (key === 'v1') {
      const bytes = decodeHex(text);
      if (bytes !== undefined) signatures.push({ algorithm: 'hmac-sha256', bytes });
    }
  }
  if (timestamp === undefined) {
    throw new WebhookVerificationError(
      'invalid_signature_header',
      'The Stripe-Signature header has no t= timestamp. Expected "t=<unix seconds>,v1=<hex>[,v1=<hex>]".',
    );
  }
  return { timestamp, signatures };
}

function* verify(
  payload: unknown,
  headers: HeadersLike,
  secret: SecretInput,
  options?: VerifyOptions,
): CryptoSteps<VerifiedStripeWebhook> {
  const raw = toRawPayload(payload);
  const secrets = toSecretList(secret, 'Stripe');
  const keys = secrets.map((item) => utf8SecretKey('stripe', item));
  const value = readHeader(headers, HEADER, ',');
  if (value === undefined) {
    throw new WebhookVerificationError(
      'missing_header',
      'The Stripe-Signature header is missing or empty. Stripe signs every webhook event; check that this endpoint receives Stripe events and that a proxy does not strip the header.',
    );
  }
  const parsed = parseStripeHeader(value);
  const timestamp = parseTimestamp(parsed.timestamp, 'Stripe-Signature t=');
  assertFresh(timestamp, options, 'Stripe-Signature timestamp');
  if (parsed.signatures.length === 0) {
    throw new WebhookVerificationError(
      'no_matching_signature',
      'The Stripe-Signature header has no v1= signature (only other schemes such as v0). Stripe signs live and test events with v1; check the sender.',
    );
  }
  const content = concatBytes(utf8(`${parsed.timestamp}.`), raw.bytes);
  if (!(yield* matchesAny(content, keys, parsed.signatures))) {
    throw new WebhookVerificationError(
      'no_matching_signature',
      `No v1 signature in Stripe-Signature matches ${keys.length === 1 ? 'the configured endpoint secret' : `any of the ${keys.length} configured endpoint secrets`}. Check that the secret is this endpoint's whsec_ signing secret (each endpoint and each \`stripe listen\` session has its own) and that the body is passed exactly as received.${whitespaceHint(secrets)}`,
    );
  }
  return { timestamp, payload: raw.text };
}

function* sign(input: StripeSignInput): CryptoSteps<StripeSignatureHeaders> {
  const raw = toRawPayload(input.payload);
  const timestamp = signingTimestamp(input.timestamp);
  const keys = toSecretList(input.secret, 'Stripe').map((item) => utf8SecretKey('stripe', item));
  const content = concatBytes(utf8(`${timestamp}.`), raw.bytes);
  const parts = [`t=${timestamp}`];
  for (const key of keys) parts.push(`v1=${encodeHex(yield* hmacSha256(key.material, content))}`);
  return { 'stripe-signature': parts.join(',') };
}

/**
 * Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, the hex HMAC-SHA256 of
 * `${t}.${body}` keyed by the endpoint secret as text (the `whsec_` string itself, not decoded).
 * Tolerance 300 s by default, both directions.
 */
export const stripeScheme: SchemeDefinition<
  VerifiedStripeWebhook,
  StripeSignInput,
  StripeSignatureHeaders,
  VerifyOptions
> = { verify, sign };
