import { ReceiverError } from './receiver-error.js';

/**
 * Accepts an uncompressed body only: no `content-encoding`, or `identity`. Signatures cover the
 * bytes as sent uncompressed, and webhook senders do not compress; refusing here makes every
 * adapter answer alike, whether or not its framework inflated the body on its own.
 *
 * @throws {ReceiverError} `unsupported_media_type` (415) for any other encoding.
 */
export function checkContentEncoding(headers: Headers): void {
  const value = headers.get('content-encoding');
  if (value === null) return;
  const codings = value
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return;
  throw new ReceiverError(
    'unsupported_media_type',
    `Expected an uncompressed body but got content-encoding ${JSON.stringify(value)}. ` +
      'Send webhook deliveries without compression (or with content-encoding: identity); the signature covers the uncompressed bytes.',
    { status: 415 },
  );
}
