import { connect } from 'node:net';
import { expect } from 'vitest';

/** What a client that kept uploading past the limit saw. */
export interface UploadOutcome {
  status: number;
  body: string;
  connection: string | undefined;
  /** The connection was reset (ECONNRESET/EPIPE) instead of closed. */
  reset: boolean;
  /** 'complete' only: the status of a GET sent on the same connection after the answer. */
  next?: number;
}

/**
 * Posts a chunked body over a raw socket: `burstBytes` at once (far more than the receiver
 * reads before it decides), then, per `afterBurst`:
 * - 'complete': the final chunk at once; once the answer arrived, a GET on the same connection
 *   (with `connection: close`), to see that the connection is still usable;
 * - 'stall': nothing more, its side of the connection left open (even after the server's
 *   FIN) until `stallUntil` settles;
 * - 'flood': 64 KiB chunks for as long as the server reads them, FIN or not.
 * Resolves when the connection is gone, with the answer (status 0 when none arrived whole)
 * and whether it ended in a reset.
 */
export function uploadPastLimit(
  url: string,
  headers: Record<string, string>,
  options: {
    burstBytes: number;
    afterBurst: 'complete' | 'stall' | 'flood';
    stallUntil?: Promise<unknown>;
  },
): Promise<UploadOutcome> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({
      port: Number(port),
      host: hostname,
      // Keep sending after the server's FIN, as a client still busy uploading does.
      allowHalfOpen: options.afterBurst !== 'complete',
    });
    if (options.afterBurst === 'stall') {
      // A client that neither finishes nor closes: only the server can end this.
      socket.on('end', () => {
        void options.stallUntil?.finally(() => socket.end());
      });
    }
    const received: Buffer[] = [];
    let answered = false;
    let reset = false;
    socket.on('connect', () => {
      const lines = Object.entries({ ...headers, host: `${hostname}:${port}` })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST ${pathname} HTTP/1.1\r\n${lines}transfer-encoding: chunked\r\n\r\n`);
      const piece = chunkFrame(16 * 1024);
      for (let sent = 0; sent < options.burstBytes; sent += 16 * 1024) socket.write(piece);
      if (options.afterBurst === 'complete') socket.write('0\r\n\r\n');
      if (options.afterBurst === 'flood') flood();
    });
    const flood = () => {
      const piece = chunkFrame(64 * 1024);
      while (!socket.destroyed && socket.write(piece)) {}
      if (!socket.destroyed) socket.once('drain', flood);
    };
    let firstLength = 0;
    socket.on('data', (data: Buffer) => {
      received.push(data);
      const answer = answered ? undefined : parseAnswer(Buffer.concat(received));
      if (answer !== undefined) {
        answered = true;
        firstLength = answer.length;
        if (options.afterBurst === 'complete') {
          socket.write(
            `GET ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nconnection: close\r\n\r\n`,
          );
        }
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
      else reject(error);
    });
    socket.on('close', () => {
      const all = Buffer.concat(received);
      const answer = parseAnswer(all);
      const next = answer && parseAnswer(all.subarray(firstLength));
      resolve({
        ...(answer ?? { status: 0, body: '', connection: undefined }),
        reset,
        ...(next && { next: next.status }),
      });
    });
  });
}

/**
 * The check every Node-based adapter must pass: a complete chunked upload far past a 1 KiB
 * limit is read to its end and answered 413 on a connection that stays usable (a GET sent on
 * it next is answered), never reset.
 */
export async function checkOversizedUpload(
  url: string,
  headers: Record<string, string>,
  /** What the app answers a GET on the webhook path (405 from the receiver itself). */
  getStatus = 405,
) {
  const outcome = await uploadPastLimit(url, headers, {
    burstBytes: 256 * 1024,
    afterBurst: 'complete',
  });
  expect(outcome.status).toBe(413);
  expect(JSON.parse(outcome.body).error.code).toBe('payload_too_large');
  expect(outcome.connection).not.toBe('close');
  expect(outcome.reset).toBe(false);
  // The connection is still usable: the next request on it gets its own answer.
  expect(outcome.next).toBe(getStatus);
}

function chunkFrame(bytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(`${bytes.toString(16)}\r\n`),
    Buffer.alloc(bytes, 0x20),
    Buffer.from('\r\n'),
  ]);
}

/** The answer once its head and `content-length` bytes of body have arrived. */
function parseAnswer(
  data: Buffer,
): { status: number; body: string; connection: string | undefined; length: number } | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...headerLines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const header = (name: string) =>
    headerLines
      .find((line) => line.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const length = Number(header('content-length') ?? Number.NaN);
  const body = data.subarray(end + 4);
  if (!(body.length >= length)) return undefined;
  return {
    status: Number(statusLine.split(' ')[1]),
    body: body.subarray(0, length).toString('utf8'),
    connection: header('connection'),
    length: end + 4 + length,
  };
}
