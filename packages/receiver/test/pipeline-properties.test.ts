import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceiver, type ErrorBody } from '../src/index.js';
import { SECRET, signedHeaders } from './support/sign.js';

const parseCodes = new Set([
  'invalid_json',
  'invalid_envelope',
  'missing_id',
  'version_mismatch',
  'unknown_event',
  'unknown_version',
  'invalid_metadata',
]);

describe('pipeline properties', () => {
  it('any correctly signed body that is not a valid event gets 400 with an event-parse code, never a throw or a 2xx', async () => {
    const receiver = createReceiver({ secret: SECRET });
    let handled = 0;
    receiver.onAny(() => {
      handled += 1;
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .record({ event: fc.string(), version: fc.integer(), metadata: fc.object() })
            .map((o) => JSON.stringify(o)),
        ),
        async (body) => {
          const response = await receiver.fetch(
            new Request('http://x/webhooks', {
              method: 'POST',
              headers: await signedHeaders(body, { id: 'evt_property' }),
              body,
            }),
          );
          expect(response.status).toBe(400);
          const { error } = (await response.json()) as ErrorBody;
          expect(parseCodes.has(error.code), error.code).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    await receiver.drain();
    expect(handled).toBe(0);
  });

  it('any tampering with a signed body is refused with 401 and nothing reaches the inbox', async () => {
    const receiver = createReceiver({ secret: SECRET });
    await fc.assert(
      fc.asyncProperty(fc.json(), fc.string({ minLength: 1 }), async (body, extra) => {
        const headers = await signedHeaders(body, { id: 'evt_tamper' });
        const response = await receiver.fetch(
          new Request('http://x/webhooks', { method: 'POST', headers, body: body + extra }),
        );
        expect(response.status).toBe(401);
      }),
      { numRuns: 100 },
    );
    expect(await receiver.inspect('evt_tamper')).toBeUndefined();
  });
});
