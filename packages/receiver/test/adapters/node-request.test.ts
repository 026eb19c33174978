import { createServer, request } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sendWebResponse, toWebRequest, toWebStream } from '../../src/node/node-request.js';
import { close, listen } from '../support/servers.js';

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe('toWebStream (Node stream → Web stream)', () => {
  it('hands each Buffer chunk over as is instead of copying it', async () => {
    const buffers = [Buffer.from('{"event":'), Buffer.from('"user.login"}')];
    const chunks = await chunksOf(toWebStream(Readable.from(buffers)));
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toBe(buffers[0]);
    expect(chunks[1]).toBe(buffers[1]);
  });

  it('encodes string chunks (a stream that yields text) as UTF-8', async () => {
    const stream = Readable.from(['{"name":"Zoë', ' 🚀"}'], { objectMode: true });
    const chunks = await chunksOf(toWebStream(stream));
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    expect(text).toBe('{"name":"Zoë 🚀"}');
    expect(chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
  });

  it('gives back the exact bytes of a stream someone set to decode as text (setEncoding)', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}', 'utf8');
    const stream = Readable.from([bytes]);
    stream.setEncoding('latin1'); // each byte becomes one character
    const chunks = await chunksOf(toWebStream(stream));
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('fails, rather than waits forever, for a stream destroyed or failing before the first read', async () => {
    const destroyed = new Readable({ read() {} });
    destroyed.destroy();
    await new Promise((resolve) => setImmediate(resolve)); // its 'close' has been emitted
    await expect(toWebStream(destroyed).getReader().read()).rejects.toThrow();

    const failing = new Readable({ read() {} });
    const web = toWebStream(failing);
    failing.destroy(new Error('client went away'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(web.getReader().read()).rejects.toThrow('client went away');
  });
});

describe('sendWebResponse with a body nobody finished reading', () => {
  /** POSTs `bytes` (sent at once) and returns the answer's status and connection header. */
  function post(url: string, bytes: Buffer) {
    return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-length': bytes.length } },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
          );
        },
      );
      req.on('error', reject);
      req.end(bytes);
    });
  }

  it.each([
    [
      'the request wrapped as a Web request',
      (req: import('node:http').IncomingMessage) => toWebRequest(req),
    ],
    [
      'a pipe into a stream nobody reads',
      (req: import('node:http').IncomingMessage) => toWebRequest(req, req.pipe(new PassThrough())),
    ],
  ])('drains it past its other reader (%s) and keeps the connection', async (_name, wrap) => {
    const server = createServer((req, res) => {
      wrap(req); // a reader that started and will never finish
      void sendWebResponse(req, res, new Response('no such route', { status: 404 }));
    });
    const url = await listen(server);
    try {
      // Far more than one chunk, so the body cannot all be read before the answer.
      const answer = await post(url, Buffer.alloc(512 * 1024, 0x61));
      expect(answer.status).toBe(404);
      // Drained to its end (not cut off at the bound): the connection stays usable.
      expect(answer.connection).not.toBe('close');
    } finally {
      await close(server);
    }
  });
});
