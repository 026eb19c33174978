import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

const encoder = new TextEncoder();

/**
 * Wraps a Node request stream as a Web stream. Unlike `Readable.toWeb`, cancelling (the
 * receiver stops reading past its size limit) pauses the socket instead of destroying it, so
 * the 413 answer can still be written.
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      // A Buffer is a Uint8Array: hand it over as is (readBody joins the chunks once anyway).
      controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    cancel() {
      stream.pause();
    },
  });
}

/**
 * Builds a Web `Request` from a Node request. `body` overrides the stream (a Buffer an
 * earlier middleware already read, or a stream a framework handed over).
 */
export function toWebRequest(
  req: IncomingMessage,
  body: Uint8Array | Readable | undefined = req,
): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : toWebStream(body);
    init.duplex = 'half';
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    url = new URL('http://localhost/');
  }
  return new Request(url, init);
}

/**
 * Writes a Web `Response` to a Node response. When the request body was not read to the
 * end (a 413 or an early rejection), the connection is closed rather than drained.
 */
export async function sendWebResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(body);
}
