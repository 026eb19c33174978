import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Receiver } from '../create-receiver.js';
import { methodNotAllowed } from '../receiver-error.js';
import { refuseRequest } from '../refusal.js';

/**
 * Wraps a Node request stream as a Web stream. Unlike `Readable.toWeb`, cancelling (the
 * receiver stops reading past its size limit) pauses the stream and lets go of it instead of
 * destroying the socket, so the rest of the upload can still be drained and the 413 answered
 * ({@link sendWebResponse}).
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  let flowing: ((chunk: Buffer | string) => void) | undefined;
  let detach = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // End and errors are watched from the start: an error before the first read must not go
      // unheard. (Chunks flow from the first pull, which a ReadableStream makes right away.)
      const onEnd = () => {
        detach();
        controller.close();
      };
      const onError = (error: Error) => {
        detach();
        controller.error(error);
      };
      const onClose = () => onError(new Error('The request stream closed before its end.'));
      detach = () => {
        if (flowing) stream.off('data', flowing);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
      };
      if (stream.readableEnded) {
        controller.close();
        return;
      }
      if (stream.errored || stream.destroyed) {
        controller.error(stream.errored ?? new Error('The request stream was destroyed.'));
        return;
      }
      stream.on('end', onEnd);
      stream.on('error', onError);
      stream.on('close', onClose);
    },
    pull(controller) {
      if (!flowing) {
        flowing = (chunk) => {
          // A Buffer is a Uint8Array: hand it over as is (readBody joins the chunks once anyway).
          // Text (someone called setEncoding) goes back to the bytes it was decoded from.
          controller.enqueue(
            typeof chunk === 'string'
              ? Buffer.from(chunk, stream.readableEncoding ?? 'utf8')
              : chunk,
          );
          if ((controller.desiredSize ?? 0) <= 0) stream.pause();
        };
        stream.on('data', flowing);
      }
      stream.resume();
    },
    cancel() {
      stream.pause();
      detach();
    },
  });
}

/**
 * Hands a Node request to `receiver.fetch` with the socket address (for an IP allowlist) and
 * returns its answer. A method a Web `Request` cannot hold (TRACE, CONNECT, TRACK: the
 * constructor throws) is answered 405 here, as the receiver answers every method but POST, and
 * logged and reported to its `onError` listeners like every other refusal.
 */
export function receiveNodeRequest(
  receiver: Receiver,
  req: IncomingMessage,
  body?: Uint8Array | Readable,
): Promise<Response> {
  let request: Request;
  try {
    request = toWebRequest(req, body);
  } catch (error) {
    if (req.method === 'POST') throw error;
    return Promise.resolve(refuseRequest(receiver, methodNotAllowed(req.method ?? '')));
  }
  const remoteAddress = req.socket.remoteAddress;
  return receiver.fetch(request, remoteAddress === undefined ? {} : { remoteAddress });
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
 * Writes a Web `Response` to a Node response. When the request body was not read to the end
 * (a 413, or an answer given before reading), the rest is drained first ({@link drainRequest}):
 * answering while the sender still uploads, then closing with its data unread, makes TCP reset
 * the connection, and the reset can throw the answer away before the sender reads it. A body
 * that ends within the bound leaves the connection reusable; past it, the answer says
 * `connection: close` and the connection is closed.
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
  if (!(await drainRequest(req))) res.setHeader('connection', 'close');
  res.end(body);
}

/** How much of an unread upload is still read (and dropped) to answer it cleanly. */
const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 2000;

/**
 * Reads and drops what is left of a request body, up to 1 MiB or 2 s. Resolves `true` once the
 * body ended (at once when it already had), `false` when the bound was hit or the request
 * failed: then the connection should be closed after the answer.
 */
export function drainRequest(req: IncomingMessage): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  if (req.destroyed || req.readableEnded) return Promise.resolve(false);
  // Whatever still reads the body (a pipe, a body wrapper the handler never finished) would
  // pause it again: the answer is decided, so, as Node does when it dumps a body, let go of them.
  req.unpipe();
  req.removeAllListeners('data');
  req.removeAllListeners('readable');
  return new Promise((resolve) => {
    let left = DRAIN_BYTES;
    const settle = (ended: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onFail);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer | string) => {
      left -= typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (left < 0) settle(false);
    };
    const onEnd = () => settle(true);
    const onFail = () => settle(false);
    const timer = setTimeout(onFail, DRAIN_MS);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFail);
    req.once('close', onFail);
    req.resume();
  });
}
