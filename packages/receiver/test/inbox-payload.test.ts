import { describe, expect, it } from 'vitest';
import { createReceiver } from '../src/index.js';
import { exampleEvent, freshId } from './support/events.js';
import { SECRET, signedHeaders } from './support/sign.js';

const post = async (body: string, init: { id?: string; headers?: Record<string, string> } = {}) =>
  new Request('http://receiver.test/webhooks', {
    method: 'POST',
    headers: await signedHeaders(body, init),
    body,
  });

describe('what the inbox stores for a Hookline envelope', () => {
  it('keeps a self-describing body (own id and version) exactly as signed, and the worker gets the same event', async () => {
    const receiver = createReceiver({ secret: SECRET });
    const event = exampleEvent('payment.succeeded', 2);
    // Pretty-printed with keys reversed: a re-serialised event would look different.
    const body = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()), null, 2);
    expect((await receiver.fetch(await post(body))).status).toBe(200);
    expect((await receiver.inspect(event.id))?.payload).toBe(body);
    const seen: unknown[] = [];
    receiver.onAny((received) => {
      seen.push(received);
    });
    await receiver.drain();
    expect(seen).toEqual([event]);
  });

  it('stores the completed event when the id came from the webhook-id header', async () => {
    const receiver = createReceiver({ secret: SECRET });
    const { id: _id, ...withoutId } = exampleEvent('user.created', 1);
    const id = freshId();
    const body = JSON.stringify(withoutId);
    expect((await receiver.fetch(await post(body, { id }))).status).toBe(200);
    expect(JSON.parse((await receiver.inspect(id))?.payload ?? '{}')).toEqual({ ...withoutId, id });
  });
});
