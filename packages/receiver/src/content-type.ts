import { ReceiverError } from './receiver-error.js';

/**
 * Accepts `application/json` with any parameters (`; charset=utf-8`), case-insensitively.
 *
 * @throws {ReceiverError} `unsupported_media_type` (415) for anything else, including a
 * missing header.
 */
export function checkContentType(headers: Headers): void {
  const value = headers.get('content-type');
  if (value === 'application/json') return; // the common case, without string work
  const mediaType = value?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return;
  throw new ReceiverError(
    'unsupported_media_type',
    `Expected content-type application/json but got ${value === null ? 'none' : JSON.stringify(value)}. ` +
      'Webhook deliveries must be sent as JSON.',
    { status: 415 },
  );
}
