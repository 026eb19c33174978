import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toWebStream } from '../../src/node/node-request.js';

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
