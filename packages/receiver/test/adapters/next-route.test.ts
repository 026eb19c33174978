import { describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/index.js';
import { exampleEvent } from '../support/events.js';
import { SECRET, signedHeaders } from '../support/sign.js';

// What an app/api/webhooks/route.ts file in a Next.js App Router project contains.
const receiver = createReceiver({ secret: SECRET, mode: 'sync' });
const handled: string[] = [];
receiver.on('checkout.completed', (event) => {
  handled.push(event.id);
  return { ok: true, checkout: event.resource_id };
});
export async function POST(request: Request): Promise<Response> {
  return receiver.fetch(request);
}

describe('Next.js route handler (plain Web Request)', () => {
  it('handles a real Request exactly as the App Router passes it', async () => {
    const event = exampleEvent('checkout.completed', 1);
    const body = JSON.stringify(event);
    const request = new Request('https://shop.example/api/webhooks', {
      method: 'POST',
      headers: await signedHeaders(body),
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, checkout: event.resource_id });
    expect(handled).toEqual([event.id]);
  });
});
