import { type CryptoSteps, hmacSha256, matchesAny } from '../crypto/crypto-steps.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import { decodeHex, encodeHex } from '../encoding/hex.js';
import { type HeadersLike, readHeader } from '../headers-like.js';
import { toRawPayload, type WebhookPayload } from '../raw-payload.js';
import type { SchemeDefinition } from '../scheme-definition.js';
import { type SecretInput, toSecretList, whitespaceHint } from '../secret-list.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';
import { utf8SecretKey } from './utf8-secret-key.js';

/** Options of schemes without a timestamp (GitHub, Authgear, Shopify): none today. */
export type NoVerifyOptions = Record<string, never>;

/** What the `sign` helper of a body-HMAC provider takes. */
export interface BodyHmacSignInput {
  /** The exact body that will be sent. */
  payload: WebhookPayload;
  /** The provider secret, used as UTF-8 text. */
  secret: string;
}

/**
 * A body-HMAC delivery: `payload` is the body as received (UTF-8); the other fields are the
 * provider's informational headers (not signed), `undefined` when absent.
 */
export type VerifiedBodyHmacWebhook<Fields extends string> = {
  [K in 'payload' | Fields]: K extends 'payload' ? string : string | undefined;
};

interface BodyHmacConfig<Header extends string, Fields extends string> {
  /** Display name for messages ("GitHub"). */
  readonly provider: string;
  /** Lowercase signature header name. */
  readonly header: Header;
  readonly encoding: 'hex' | 'base64';
  /** A literal before the digest, such as GitHub's `sha256=`. */
  readonly prefix: string;
  /** Lowercase names of headers copied into the result, by result field. */
  readonly fields: { readonly [K in Fields]: string };
  /** Extra advice for a missing signature header. */
  readonly missingHint: string;
}

/**
 * A scheme where the signature is the HMAC-SHA256 of the raw body alone, keyed by the secret
 * text, in one header. No timestamp is signed, so these deliveries can be replayed: dedupe on
 * the provider's delivery id.
 */
export function bodyHmacScheme<Header extends string, Fields extends string>(
  config: BodyHmacConfig<Header, Fields>,
): SchemeDefinition<
  VerifiedBodyHmacWebhook<Fields>,
  BodyHmacSignInput,
  { [K in Header]: string },
  NoVerifyOptions
> {
  const encode = config.encoding === 'hex' ? encodeHex : encodeBase64;
  const decode = config.encoding === 'hex' ? decodeHex : decodeBase64;
  const format = config.encoding === 'hex' ? '64 hex characters' : '44 base64 characters';

  function* verify(
    payload: unknown,
    headers: HeadersLike,
    secret: SecretInput,
  ): CryptoSteps<VerifiedBodyHmacWebhook<Fields>> {
    const raw = toRawPayload(payload);
    const secrets = toSecretList(secret, config.provider);
    const keys = secrets.map((item) => utf8SecretKey(config.provider, item));
    const value = readHeader(headers, config.header);
    if (value === undefined) {
      throw new WebhookVerificationError(
        'missing_header',
        `The ${config.header} header is missing or empty. ${config.missingHint}`,
      );
    }
    const bytes = value.startsWith(config.prefix)
      ? decode(value.slice(config.prefix.length))
      : undefined;
    if (bytes === undefined || bytes.length !== 32) {
      throw new WebhookVerificationError(
        'invalid_signature_header',
        `The ${config.header} header is not "${config.prefix}" followed by ${format} (an HMAC-SHA256 digest). The request was not signed by ${config.provider}, or a proxy altered the header.`,
      );
    }
    if (!(yield* matchesAny(raw.bytes, keys, [{ algorithm: 'hmac-sha256', bytes }]))) {
      throw new WebhookVerificationError(
        'no_matching_signature',
        `The ${config.header} signature does not match ${keys.length === 1 ? 'the configured secret' : `any of the ${keys.length} configured secrets`}. Check that the secret is the ${config.provider} one for this endpoint (used as plain text, not decoded) and that the body is passed exactly as received.${whitespaceHint(secrets)}`,
      );
    }
    const result: Record<string, string | undefined> = { payload: raw.text };
    for (const field of Object.keys(config.fields) as Fields[]) {
      result[field] = readHeader(headers, config.fields[field]);
    }
    return result as VerifiedBodyHmacWebhook<Fields>;
  }

  function* sign(input: BodyHmacSignInput): CryptoSteps<{ [K in Header]: string }> {
    const raw = toRawPayload(input.payload);
    const [secret] = toSecretList(input.secret, config.provider);
    const digest = yield* hmacSha256(utf8SecretKey(config.provider, secret!).material, raw.bytes);
    return { [config.header]: `${config.prefix}${encode(digest)}` } as { [K in Header]: string };
  }

  return { verify, sign };
}
