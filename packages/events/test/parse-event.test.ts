import { describe, expect, it } from 'vitest';
import { isHooklineEventError, parseEvent, parseEventOrThrow } from '../src/index.js';

/** The example payload of the article Hookline grew from: no id, no version. */
const seedBody =
  '{"event":"user.login","timestamp":"2026-03-13T17:00:00Z","resource_id":"usr_abc123","metadata":{"ip_address":"203.0.113.42","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)..."}}';

describe('the seed payload', () => {
  it('parses as user.login v1 with its id from the webhook-id header', () => {
    const result = parseEvent(seedBody, { headers: { 'webhook-id': 'evt_2Lq8Zt4W' } });
    expect(result).toEqual({
      ok: true,
      event: {
        id: 'evt_2Lq8Zt4W',
        event: 'user.login',
        version: 1,
        timestamp: '2026-03-13T17:00:00Z',
        resource_id: 'usr_abc123',
        metadata: {
          ip_address: '203.0.113.42',
          user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)...',
        },
      },
    });
  });

  it('is rejected with missing_id when nobody supplies an id', () => {
    const result = parseEvent(seedBody);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('missing_id');
  });
});

describe('parseEventOrThrow', () => {
  it('throws a HooklineEventError carrying the code and issue paths', () => {
    let caught: unknown;
    try {
      parseEventOrThrow(JSON.parse(seedBody), { id: 'evt_1', version: 2 });
    } catch (error) {
      caught = error;
    }
    expect(isHooklineEventError(caught)).toBe(true);
    if (!isHooklineEventError(caught)) return;
    expect(caught.code).toBe('invalid_metadata');
    expect(caught.status).toBe(400);
    expect(caught.issues.map((issue) => issue.path.join('.'))).toContain('metadata.client');
  });
});
