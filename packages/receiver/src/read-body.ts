import { ReceiverError } from './receiver-error.js';

/**
 * Reads a request body into bytes, refusing anything larger than `maxBytes`.
 *
 * Call {@link checkContentLength} first (before the cheap header checks) so a declared
 * `Content-Length` above the limit is refused before a single byte is read. The stream is
 * read chunk by chunk and cancelled as soon as the running total passes the limit, so an
 * oversized (or lying) sender never makes the receiver buffer more than `maxBytes` plus one
 * chunk.
 *
 * @throws {ReceiverError} `payload_too_large` (413), `body_already_parsed` (500, the app read the
 * body first) or `body_read_failed` (400, the stream broke).
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new ReceiverError(
      'body_already_parsed',
      'The request body was already read (e.g. by request.json() or a body-parsing middleware), so the exact signed bytes are gone. ' +
        'Pass the untouched Request to receiver.fetch() and do not read the body before it.',
      { status: 500 },
    );
  }
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ReceiverError) throw error;
    throw new ReceiverError(
      'body_read_failed',
      'The request body could not be read to the end (the connection broke or the stream was already consumed). ' +
        'Pass the untouched request to the receiver; the sender will retry.',
      { status: 400, cause: error },
    );
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Refuses early when the declared `Content-Length` already exceeds the limit. */
export function checkContentLength(headers: Headers, maxBytes: number): void {
  const declared = headers.get('content-length');
  if (declared === null) return;
  const length = Number(declared);
  if (Number.isFinite(length) && length > maxBytes) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): ReceiverError {
  return new ReceiverError(
    'payload_too_large',
    `The request body is larger than the limit of ${maxBytes} bytes. ` +
      'Send smaller events, or raise `maxBodyBytes` in createReceiver() if this size is expected.',
    { status: 413 },
  );
}
