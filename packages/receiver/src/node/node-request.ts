import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

const encoder = new TextEncoder();

/**
 * Wraps a Node request stream as a Web stream. Unlike `Readable.toWeb`, cancelling (the
 * receiver stops reading past its size limit) pauses the stream and lets go of it instead of
 * destroying the socket, so the 413 answer can still be written and the rest of the upload
 * drained ({@link closeAfterAnswer}).
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  let detach: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (detach === undefined) detach = follow(stream, controller);
      stream.resume();
    },
    cancel() {
      stream.pause();
      detach?.();
    },
  });
}

/** Moves a stream's chunks into a Web stream's queue, pausing whenever the queue is full. */
function follow(
  stream: Readable,
  controller: ReadableStreamDefaultController<Uint8Array>,
): () => void {
  let settled = false;
  const onData = (chunk: Buffer | string) => {
    // A Buffer is a Uint8Array: hand it over as is (readBody joins the chunks once anyway).
    controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    if ((controller.desiredSize ?? 0) <= 0) stream.pause();
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  const onError = (error: Error) => {
    detach();
    controller.error(error);
  };
  const onClose = () => {
    if (!settled) onError(new Error('The request stream closed before its end.'));
  };
  const detach = () => {
    settled = true;
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
  };
  if (stream.readableEnded) {
    settled = true;
    controller.close();
    return () => undefined;
  }
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  return detach;
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
 * end (a 413 or an early rejection), the connection is closed after the answer
 * ({@link closeAfterAnswer}) rather than drained.
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
  closeAfterAnswer(req, res);
  res.end(body);
}

/** What a client may still send after a refusal before the connection is cut. */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 2000;

/**
 * Answers a request whose body was not read to the end with `connection: close`, then, once
 * the answer is out, reads and drops what the client still sends (up to 1 MiB, or 2 s)
 * before closing. Closing a socket with unread data makes TCP reset the connection, and a
 * reset can throw away the answer before the client reads it: the sender would see a
 * connection error instead of the 413 that says what to fix ("lingering close", as Apache
 * and nginx do). Call it before the response is ended; it does nothing when the body was
 * read to the end.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.setHeader('connection', 'close');
  res.once('finish', () => linger(req));
}

function linger(req: IncomingMessage): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  // Node's server half-closes the socket after a `connection: close` answer and destroys it
  // as soon as its FIN is out (socket.destroySoon). Keep it open for reading instead; this
  // function closes it.
  socket.off('finish', socket.destroy);
  let left = LINGER_BYTES;
  const close = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) close();
  });
  req.once('end', close);
  req.once('error', close);
  req.resume();
}
