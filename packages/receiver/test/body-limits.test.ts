import { describe, expect, it } from 'vitest';
import { createReceiver } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedHeaders } from './support/sign.js';

/** An endless body that counts how many chunks the receiver pulled and whether it cancelled. */
function endlessBody(chunkBytes: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += 1;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: BodyInit, headers: Record<string, string>) =>
  new Request('http://x/webhooks', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);

describe('body size limit', () => {
  it('stops reading a streamed body once it passes maxBodyBytes and answers 413', async () => {
    const receiver = createReceiver({ secret: SECRET, maxBodyBytes: 4096 });
    const { stream, state } = endlessBody(1024);
    const response = await receiver.fetch(
      post(stream, await signedHeaders('{}', { id: 'evt_big' })),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    // 4 chunks fit, the 5th crosses the limit; the stream may have pre-pulled one more.
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(state.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length above the limit without reading a byte', async () => {
    const receiver = createReceiver({ secret: SECRET, maxBodyBytes: 4096 });
    const { stream, state } = endlessBody(1024);
    const headers = {
      ...(await signedHeaders('{}', { id: 'evt_big' })),
      'content-length': '1000000',
    };
    const request = post(stream, headers);
    expect(request.headers.get('content-length')).toBe('1000000');
    const response = await receiver.fetch(request);
    expect(response.status).toBe(413);
    // Only the stream's own initial pull (highWaterMark 1) may have happened.
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const event = exampleEvent('user.created', 1);
    const text = JSON.stringify(event);
    const receiver = createReceiver({
      secret: SECRET,
      maxBodyBytes: new TextEncoder().encode(text).byteLength,
    });
    const response = await receiver.fetch(post(text, await signedHeaders(text)));
    expect(response.status).toBe(200);
    const tooSmall = createReceiver({
      secret: SECRET,
      maxBodyBytes: new TextEncoder().encode(text).byteLength - 1,
    });
    expect((await tooSmall.fetch(post(text, await signedHeaders(text)))).status).toBe(413);
  });
});

describe('a body read before the receiver', () => {
  it('answers 500 body_already_parsed (our bug, so the sender retries) when the Request body was consumed', async () => {
    const receiver = createReceiver({ secret: SECRET });
    const text = JSON.stringify(exampleEvent('user.created', 1));
    const request = post(text, await signedHeaders(text));
    await request.json();
    const response = await receiver.fetch(request);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('body_already_parsed');
    expect(body.error.message).toContain('untouched Request');
  });
});
