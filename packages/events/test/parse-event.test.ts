import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HooklineEventErrorCode,
  isHooklineEventError,
  type ParseEventContext,
  parseEvent,
  parseEventOrThrow,
} from '../src/index.js';
import { fixtureName, readFixture, readFixtureBytes } from './fixtures.js';

/** The example payload of the article Hookline grew from: no id, no version. */
const seedBody =
  '{"event":"user.login","timestamp":"2026-03-13T17:00:00Z","resource_id":"usr_abc123","metadata":{"ip_address":"203.0.113.42","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)..."}}';

const seedEvent = {
  id: 'evt_2Lq8Zt4W',
  event: 'user.login',
  version: 1,
  timestamp: '2026-03-13T17:00:00Z',
  resource_id: 'usr_abc123',
  metadata: {
    ip_address: '203.0.113.42',
    user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)...',
  },
};

const loginV1 = readFixture(fixtureName('user.login', 1)) as Record<string, unknown>;
const paymentV2 = readFixture(fixtureName('payment.succeeded', 2)) as Record<string, unknown>;

/** The error code parseEvent answers with, or 'ok'. */
function codeOf(input: unknown, context?: ParseEventContext): HooklineEventErrorCode | 'ok' {
  const result = parseEvent(input, context);
  return result.ok ? 'ok' : result.error.code;
}

function errorOf(input: unknown, context?: ParseEventContext) {
  const result = parseEvent(input, context);
  if (result.ok) throw new Error(`expected a parse failure, got ${JSON.stringify(result.event)}`);
  return result.error;
}

describe('the seed payload', () => {
  it('parses as user.login v1 with its id from the webhook-id header', () => {
    expect(parseEvent(seedBody, { headers: { 'webhook-id': 'evt_2Lq8Zt4W' } })).toEqual({
      ok: true,
      event: seedEvent,
    });
  });

  it('parses the same from a Web Headers object, bytes, an ArrayBuffer, the object, or context.id', () => {
    const bytes = new TextEncoder().encode(seedBody);
    const headers = new Headers({ 'Webhook-Id': 'evt_2Lq8Zt4W' });
    for (const [input, context] of [
      [seedBody, { headers }],
      [bytes, { headers }],
      [bytes.buffer, { headers }],
      [JSON.parse(seedBody), { id: 'evt_2Lq8Zt4W' }],
      [seedBody, { headers: { 'WEBHOOK-ID': ['evt_2Lq8Zt4W', 'evt_other'] } }],
    ] as const) {
      expect(parseEventOrThrow(input, context)).toEqual(seedEvent);
    }
  });

  it('takes its version from X-Webhook-Version when the body has none', () => {
    const error = errorOf(seedBody, {
      headers: { 'webhook-id': 'evt_2Lq8Zt4W', 'x-webhook-version': '2' },
    });
    // Version 2 of user.login nests the client: the flat seed metadata is not a v2 payload.
    expect(error.code).toBe('invalid_metadata');
    expect(error.version).toBe(2);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['metadata.client', 'metadata.method', 'metadata.ip_address']),
    );
  });

  it('is rejected with missing_id when nobody supplies an id', () => {
    const error = errorOf(seedBody);
    expect(error.code).toBe('missing_id');
    expect(error.message).toContain('webhook-id');
  });
});

describe('id and version: body first, headers fill gaps, a version disagreement is an error', () => {
  it('accepts a body id that equals the header', () => {
    expect(codeOf(loginV1, { headers: { 'webhook-id': loginV1.id as string } })).toBe('ok');
  });

  it('keeps the body id when webhook-id carries a different message id (Svix-style senders)', () => {
    const result = parseEvent(loginV1, {
      headers: { 'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' },
    });
    expect(result.ok && result.event.id).toBe(loginV1.id);
  });

  it('takes a message id of any Standard Webhooks form from webhook-id when the body has none', () => {
    const result = parseEvent(seedBody, {
      headers: { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek' },
    });
    expect(result.ok && result.event.id).toBe('msg_p5jXN8AQM9LWM0D4loKWxJek');
  });

  it('rejects a webhook-id that is not a Standard Webhooks message id', () => {
    const error = errorOf(seedBody, { headers: { 'webhook-id': 'evt.1 with spaces' } });
    expect(error.code).toBe('invalid_envelope');
    expect(error.issues).toEqual([{ path: ['id'], message: expect.any(String) }]);
  });

  it('answers version_mismatch when the body version and X-Webhook-Version differ', () => {
    expect(codeOf(loginV1, { headers: { 'x-webhook-version': '2' } })).toBe('version_mismatch');
    expect(codeOf(loginV1, { version: 2 })).toBe('version_mismatch');
    expect(codeOf(loginV1, { headers: { 'x-webhook-version': '1' } })).toBe('ok');
  });

  it('lets context.id / context.version win over headers', () => {
    const { id: _id, version: _version, ...bare } = paymentV2;
    const event = parseEventOrThrow(bare, {
      id: 'evt_fromContext',
      version: 2,
      headers: { 'webhook-id': 'evt_fromHeader', 'x-webhook-version': '1' },
    });
    expect(event).toMatchObject({ id: 'evt_fromContext', version: 2 });
  });

  it('rejects an X-Webhook-Version that is not a positive integer', () => {
    for (const bad of ['0', '-1', '1.5', 'v2', '', '2abc']) {
      const error = errorOf(seedBody, {
        headers: { 'webhook-id': 'evt_1', 'x-webhook-version': bad },
      });
      expect(error.code, bad).toBe('invalid_envelope');
      expect(error.issues[0]?.path).toEqual(['version']);
    }
    expect(codeOf(seedBody, { id: 'evt_1', version: 0 })).toBe('invalid_envelope');
  });
});

describe('error codes', () => {
  it('says where a body stops being JSON without quoting it (bodies carry personal data and tokens)', () => {
    for (const body of ['{"card": tok_live_s3cret}', '{"token": "tok_live_s3cret" oops}']) {
      const result = parseEvent(body);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_json');
      expect(inspect(result.error, { depth: Number.POSITIVE_INFINITY })).not.toContain('tok_live');
    }
    const odd = parseEvent({ ...JSON.parse(seedBody), id: 'evt_1', event: 'tok_live_s3cret oops' });
    expect(odd.ok ? '' : inspect(odd.error, { depth: Number.POSITIVE_INFINITY })).not.toContain(
      'tok_live',
    );
    const cut = parseEvent('{"a":1');
    expect(cut.ok ? '' : cut.error.message).toMatch(/not valid JSON \(at character 6\)|ends early/);
  });

  it('invalid_json for text or bytes that are not JSON or not UTF-8', () => {
    expect(codeOf('{"event":')).toBe('invalid_json');
    expect(codeOf('')).toBe('invalid_json');
    expect(codeOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBe('invalid_json');
    const error = errorOf('not json');
    // No cause: the SyntaxError's message quotes the body.
    expect(error.cause).toBeUndefined();
    expect(error.status).toBe(400);
  });

  it('invalid_envelope for JSON that is not an object', () => {
    for (const input of ['[]', 'null', '42', '"text"', [], null, 7]) {
      expect(codeOf(input), JSON.stringify(input)).toBe('invalid_envelope');
    }
  });

  it('invalid_envelope, with paths, for a bad timestamp, id, resource id or an extra field', () => {
    expect(errorOf({ ...loginV1, timestamp: '2026-03-13T17:00:00+01:00' }).issues).toEqual([
      { path: ['timestamp'], message: expect.any(String) },
    ]);
    expect(errorOf({ ...loginV1, id: 'evt_' }).issues[0]?.path).toEqual(['id']);
    const prefix = errorOf({ ...loginV1, resource_id: 'pay_abc' });
    expect(prefix.code).toBe('invalid_envelope');
    expect(prefix.issues[0]?.path).toEqual(['resource_id']);
    expect(prefix.message).toContain('usr_');
    const extra = errorOf({ ...loginV1, data: {} });
    expect(extra.code).toBe('invalid_envelope');
    expect(extra.issues).toEqual([
      { path: ['data'], message: expect.stringMatching(/^Unrecognized key/) },
    ]);
  });

  it('reports a broken envelope before an unknown event or version, and never coerces', () => {
    expect(codeOf({ ...loginV1, event: 'user.logout', timestamp: 'yesterday' })).toBe(
      'invalid_envelope',
    );
    expect(codeOf({ ...loginV1, version: 7, id: 42 })).toBe('invalid_envelope');
    expect(codeOf({ ...loginV1, version: 1.5 })).toBe('invalid_envelope');
    expect(codeOf({ ...loginV1, version: '1' })).toBe('invalid_envelope');
    expect(codeOf({ ...loginV1, event: 7 })).toBe('invalid_envelope');
    expect(codeOf({ ...loginV1, metadata: [] })).toBe('invalid_envelope');
  });

  it('invalid_envelope for a missing or non-object metadata, whether or not the version is known', () => {
    const { metadata: _metadata, ...noMetadata } = loginV1;
    for (const version of [1, 3]) {
      for (const [label, body] of [
        ['missing', { ...noMetadata, version }],
        ['null', { ...loginV1, version, metadata: null }],
        ['an array', { ...loginV1, version, metadata: [] }],
        ['a string', { ...loginV1, version, metadata: 'ip=203.0.113.42' }],
      ] as const) {
        const error = errorOf(body);
        expect(error.code, `metadata ${label} at v${version}`).toBe('invalid_envelope');
        expect(error.issues[0]?.path).toEqual(['metadata']);
      }
    }
    // An object that breaks the contract is the metadata's fault.
    expect(codeOf({ ...loginV1, metadata: {} })).toBe('invalid_metadata');
    expect(codeOf({ ...loginV1, metadata: { surprise: true } })).toBe('invalid_metadata');
  });

  it("user.deleted's actor_id says it expects a usr_ or key_ id, or null", () => {
    const deleted = readFixture(fixtureName('user.deleted', 1)) as { metadata: object };
    for (const actor_id of ['adm_1', 42]) {
      const error = errorOf({ ...deleted, metadata: { ...deleted.metadata, actor_id } });
      expect(error.issues).toEqual([
        { path: ['metadata', 'actor_id'], message: expect.stringMatching(/usr_.*key_.*null/) },
      ]);
    }
  });

  it('unknown_event names the known types', () => {
    const error = errorOf({ ...loginV1, event: 'user.logout' });
    expect(error.code).toBe('unknown_event');
    expect(error.event).toBe('user.logout');
    expect(error.message).toContain('user.login');
  });

  it('unknown_version names the known versions', () => {
    const error = errorOf({ ...loginV1, version: 3 });
    expect(error.code).toBe('unknown_version');
    expect(error.message).toContain('known versions: 1, 2');
    expect(error.issues).toEqual([{ path: ['version'], message: expect.any(String) }]);
  });

  it('invalid_metadata lists every problem with its path, like zod', () => {
    const error = errorOf({
      ...paymentV2,
      metadata: {
        ...(paymentV2.metadata as object),
        amount: { value: -5, currency: 'usd' },
        fee: undefined,
        surprise: true,
      },
    });
    expect(error.code).toBe('invalid_metadata');
    expect(error.event).toBe('payment.succeeded');
    expect(error.version).toBe(2);
    const paths = error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'metadata.amount.value',
        'metadata.amount.currency',
        'metadata.fee',
        'metadata.surprise',
      ]),
    );
    expect(error.message).toContain('metadata.amount.currency: Expected an ISO 4217 code');
    expect(error.message).toContain('payment.succeeded v2');
  });
});

describe('sender text in errors (messages go to logs and HTTP answers)', () => {
  it('names an unknown key in the message only when it looks like a field name', () => {
    const key = 'Authorization: Bearer sk_live_abc';
    const error = errorOf({ ...loginV1, [key]: 1 });
    expect(error.code).toBe('invalid_envelope');
    expect(error.message).not.toContain('sk_live');
    expect(error.message).toContain(`${key.length} characters`);
    // The structured issues keep the exact path: code reads them, the receiver does not send them.
    expect(error.issues).toEqual([
      { path: [key], message: expect.stringMatching(/^Unrecognized key/) },
    ]);
    expect(errorOf({ ...loginV1, data: {} }).message).toContain('data: Unrecognized key');
  });

  it('keeps the message short whatever the keys', () => {
    const metadata = loginV1.metadata as object;
    const huge = errorOf({ ...loginV1, metadata: { ...metadata, ['x'.repeat(100_000)]: 1 } });
    expect(huge.code).toBe('invalid_metadata');
    expect(huge.message.length).toBeLessThan(500);
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`${index} ${'y'.repeat(10_000)}`, 1]),
    );
    const manyError = errorOf({ ...loginV1, ...many, metadata: { ...metadata, ...many } });
    expect(manyError.issues).toHaveLength(100);
    expect(manyError.message.length).toBeLessThan(1000);
  });

  it('sets error.event on invalid_envelope only when the event looks like an event name', () => {
    const odd = errorOf({ ...loginV1, event: 'card 4242424242424242 cvc 123', timestamp: 'bad' });
    expect(odd.code).toBe('invalid_envelope');
    expect(odd.event).toBeUndefined();
    expect(inspect(odd, { depth: Number.POSITIVE_INFINITY })).not.toContain('4242');
    expect(errorOf({ ...loginV1, event: 'user.logout', timestamp: 'bad' }).event).toBe(
      'user.logout',
    );
    expect(errorOf({ ...loginV1, timestamp: 'bad' }).event).toBe('user.login');
  });
});

describe('raw bodies', () => {
  const text = JSON.stringify(loginV1);
  const bytes = new TextEncoder().encode(text);

  it('decodes an ArrayBuffer or a view from another realm (vm, jsdom), and a SharedArrayBuffer', () => {
    const foreign = runInNewContext(
      'const buffer = new ArrayBuffer(bytes.length); new Uint8Array(buffer).set(bytes); buffer',
      { bytes: [...bytes] },
    );
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(parseEventOrThrow(foreign)).toEqual(loginV1);
    const foreignView = runInNewContext('new Uint8Array(bytes)', { bytes: [...bytes] });
    expect(parseEventOrThrow(foreignView)).toEqual(loginV1);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    expect(parseEventOrThrow(shared)).toEqual(loginV1);
    expect(parseEventOrThrow(new Uint8Array(shared))).toEqual(loginV1);
  });

  it('skips one leading byte order mark in a string, as in bytes', () => {
    expect(parseEventOrThrow(`\uFEFF${text}`)).toEqual(loginV1);
    expect(parseEventOrThrow(new TextEncoder().encode(`\uFEFF${text}`))).toEqual(loginV1);
    expect(codeOf(`\uFEFF\uFEFF${text}`)).toBe('invalid_json');
    expect(codeOf(new TextEncoder().encode(`\uFEFF\uFEFF${text}`))).toBe('invalid_json');
  });
});

describe('parseEvent on arbitrary input', () => {
  it('never throws: every input gets a result', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.jsonValue(), fc.uint8Array()),
        fc.record(
          {
            id: fc.string(),
            version: fc.integer(),
            headers: fc.dictionary(fc.string(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        (input, context) => {
          const result = parseEvent(input, context);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(isHooklineEventError(result.error)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parses any fixture serialized with arbitrary whitespace and key order', () => {
    const bytes = readFixtureBytes(fixtureName('checkout.completed', 1));
    const fixture = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(Object.keys(fixture), { minLength: 6 }),
        fc.nat(4),
        (keys, indent) => {
          const reordered = Object.fromEntries(keys.map((key) => [key, fixture[key]]));
          expect(parseEventOrThrow(JSON.stringify(reordered, null, indent))).toEqual(fixture);
        },
      ),
      { numRuns: 50 },
    );
  });
});
