import {
  type CryptoSteps,
  ed25519Sign,
  hmacSha256,
  matchesAny,
  type PresentedSignature,
} from '../crypto/crypto-steps.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import { concatBytes, utf8 } from '../encoding/bytes.js';
import { type HeadersLike, readFirstHeader } from '../headers-like.js';
import { payloadBytes, toRawPayload, type WebhookPayload } from '../raw-payload.js';
import { type SecretInput, toSecretList } from '../secret-list.js';
import { assertFresh, parseTimestamp, signingTimestamp, type VerifyOptions } from '../timestamp.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';
import { parseSigningKey, parseVerificationKey } from './standard-webhooks-keys.js';

/** A delivery whose signature and timestamp checked out. */
export interface VerifiedWebhook {
  /** The `webhook-id` header: the idempotency key, the same on every retry. */
  id: string;
  /** The `webhook-timestamp` header, in Unix seconds. */
  timestamp: number;
  /** The body as received, decoded as UTF-8. Parse it only now. */
  payload: string;
}

/** What {@link signWebhook} needs. */
export interface SignWebhookInput {
  /** The message id (`webhook-id`); must not contain `.` or whitespace. */
  id: string;
  /** Unix seconds. Default: now. */
  timestamp?: number | undefined;
  /** The exact body that will be sent. */
  payload: WebhookPayload;
  /** `whsec_...` (v1 HMAC) and/or `whsk_...` (v1a Ed25519); one signature per secret. */
  secret: SecretInput;
}

/** The three Standard Webhooks headers, ready to send. */
// A type alias, not an interface, so it is assignable to header records and HeadersInit.
export type StandardWebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const ID_HEADERS = ['webhook-id', 'svix-id'] as const;
const TIMESTAMP_HEADERS = ['webhook-timestamp', 'svix-timestamp'] as const;
const SIGNATURE_HEADERS = ['webhook-signature', 'svix-signature'] as const;

function requireHeader(headers: HeadersLike, names: readonly string[], join?: string): string {
  const value = readFirstHeader(headers, names, join);
  if (value === undefined) {
    throw new WebhookVerificationError(
      'missing_header',
      `The ${names[0]} header is missing or empty (also looked for ${names.slice(1).join(', ')}). A Standard Webhooks delivery carries webhook-id, webhook-timestamp and webhook-signature; check that a proxy does not strip them and that this endpoint uses the Standard Webhooks scheme.`,
    );
  }
  return value;
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array {
  return concatBytes(utf8(`${id}.${timestamp}.`), body);
}

/** Most `webhook-signature` entries verified; senders sign with one secret, or a few while rotating. */
export const MAX_SIGNATURE_ENTRIES = 16;

interface ParsedSignatures {
  readonly signatures: readonly PresentedSignature[];
  readonly versions: ReadonlySet<string>;
}

/**
 * Parses a space-separated list of `<version>,<base64>` entries. Unknown versions are kept
 * only by name (a later spec version must not break today's verifier); entries whose base64 is
 * broken simply cannot match.
 */
function parseSignatureHeader(header: string): ParsedSignatures {
  const signatures: PresentedSignature[] = [];
  const versions = new Set<string>();
  const entries = header.split(/\s+/).filter(Boolean);
  // Each entry costs one HMAC or Ed25519 check per configured key; a sender signs with a few
  // secrets at most, so a long list is an attempt to make verification expensive.
  if (entries.length > MAX_SIGNATURE_ENTRIES) {
    throw new WebhookVerificationError(
      'invalid_signature_header',
      `The webhook-signature header has ${entries.length} entries; at most ${MAX_SIGNATURE_ENTRIES} are accepted (one per signing secret during a rotation).`,
    );
  }
  for (const raw of entries) {
    // fetch's Headers joins repeated header lines with ", ": drop the comma left on an entry.
    const entry = raw.replace(/,+$/, '');
    const comma = entry.indexOf(',');
    if (comma <= 0 || comma === entry.length - 1) continue;
    const version = entry.slice(0, comma);
    versions.add(version);
    const bytes = decodeBase64(entry.slice(comma + 1));
    if (bytes === undefined) continue;
    if (version === 'v1') signatures.push({ algorithm: 'hmac-sha256', bytes });
    else if (version === 'v1a') signatures.push({ algorithm: 'ed25519', bytes });
  }
  if (versions.size === 0) {
    throw new WebhookVerificationError(
      'invalid_signature_header',
      'The webhook-signature header has no entry of the form "v1,<base64>" or "v1a,<base64>" (entries are separated by spaces). The request was not signed with Standard Webhooks, or a proxy altered the header.',
    );
  }
  return { signatures, versions };
}

function mismatch(
  parsed: ParsedSignatures,
  keyAlgorithms: ReadonlySet<string>,
  secretCount: number,
): WebhookVerificationError {
  // The header is attacker-controlled: name only short version-like tokens, never echo the rest.
  const named = [...parsed.versions].filter((version) => /^v[0-9a-z]{1,6}$/.test(version)).sort();
  const versions = named.length > 0 ? named.slice(0, 5).join(', ') : 'unrecognised';
  const secrets =
    secretCount === 1 ? 'the configured secret' : `any of the ${secretCount} configured secrets`;
  let hint =
    "Check that the secret is this endpoint's signing secret and that the body is passed exactly as received (not re-serialised JSON).";
  if (!parsed.signatures.some((signature) => keyAlgorithms.has(signature.algorithm))) {
    hint = keyAlgorithms.has('ed25519')
      ? "The header has no v1a (Ed25519) signature for the whpk_ key given; pass the endpoint's whsec_ secret to verify v1 signatures."
      : "The header has no v1 (HMAC) signature for the whsec_ secret given; pass the sender's whpk_ public key to verify v1a signatures.";
  }
  return new WebhookVerificationError(
    'no_matching_signature',
    `No signature in webhook-signature (versions: ${versions}) matches ${secrets}. ${hint}`,
  );
}

/** Standard Webhooks verification (v1 HMAC-SHA256, v1a Ed25519). */
export function* verifyStandardWebhook(
  payload: unknown,
  headers: HeadersLike,
  secret: SecretInput,
  options?: VerifyOptions,
): CryptoSteps<VerifiedWebhook> {
  const raw = toRawPayload(payload);
  const secrets = toSecretList(secret, 'Standard Webhooks');
  const keys = secrets.map((item, index) => parseVerificationKey(item, index, secrets.length));
  const id = requireHeader(headers, ID_HEADERS);
  const timestampHeader = requireHeader(headers, TIMESTAMP_HEADERS);
  const signatureHeader = requireHeader(headers, SIGNATURE_HEADERS, ' ');
  const timestamp = parseTimestamp(timestampHeader, 'webhook-timestamp');
  assertFresh(timestamp, options, 'webhook-timestamp');
  const parsed = parseSignatureHeader(signatureHeader);
  const content = signedContent(id, timestampHeader, raw.bytes);
  if (!(yield* matchesAny(content, keys, parsed.signatures))) {
    throw mismatch(parsed, new Set(keys.map((key) => key.algorithm)), keys.length);
  }
  return { id, timestamp, payload: raw.text };
}

// Printable ASCII without space: safe in a header everywhere. The spec forbids `.` in the id
// because it delimits the signed content.
const idPattern = /^[\x21-\x2d\x2f-\x7e]+$/;

/** Standard Webhooks signing: one `v1` (whsec_) or `v1a` (whsk_) entry per secret. */
export function* signStandardWebhook(input: SignWebhookInput): CryptoSteps<StandardWebhookHeaders> {
  if (typeof input !== 'object' || input === null) {
    throw new WebhookVerificationError(
      'invalid_input',
      'signWebhook takes one object: { id, timestamp, payload, secret }.',
    );
  }
  const { id } = input;
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw new WebhookVerificationError(
      'invalid_input',
      'The webhook id must be a non-empty string of printable ASCII without "." or spaces (for example "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W").',
    );
  }
  const timestamp = String(signingTimestamp(input.timestamp));
  const { payload } = input;
  // A text body stays text: an HMAC hashes it as UTF-8 without a byte copy; Ed25519 gets the
  // bytes, encoded once, with the prefix.
  const content =
    typeof payload === 'string'
      ? `${id}.${timestamp}.${payload}`
      : signedContent(id, timestamp, payloadBytes(payload));
  let contentBytes: Uint8Array | undefined;
  const secrets = toSecretList(input.secret, 'Standard Webhooks');
  const keys = secrets.map((item, index) => parseSigningKey(item, index, secrets.length));
  const entries: string[] = [];
  for (const key of keys) {
    if (key.algorithm === 'hmac-sha256') {
      entries.push(`v1,${encodeBase64(yield* hmacSha256(key.material, content))}`);
    } else {
      contentBytes ??= typeof content === 'string' ? utf8(content) : content;
      entries.push(`v1a,${encodeBase64(yield* ed25519Sign(key.material, contentBytes))}`);
    }
  }
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': entries.join(' '),
  };
}
