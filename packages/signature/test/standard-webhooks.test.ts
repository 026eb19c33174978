import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';
import { at, T0 } from './helpers.js';

const body = '{"id":"evt_1","event":"user.login","version":1}';

describe.each(builds)('Standard Webhooks sign/verify — $name', ({ api }) => {
  it('round-trips a v1 delivery and returns id, timestamp and the body as received', async () => {
    const secret = api.generateSecret();
    const headers = await api.signWebhook({ id: 'msg_1', timestamp: T0, payload: body, secret });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const webhook = await api.verifyWebhook(body, headers, secret, at(T0));
    expect(webhook).toEqual({ id: 'msg_1', timestamp: T0, payload: body });
  });

  it('accepts a signature in its one canonical base64 spelling only', async () => {
    const secret = api.generateSecret();
    const headers = await api.signWebhook({ id: 'msg_c1', timestamp: T0, payload: body, secret });
    const signature = headers['webhook-signature'].slice('v1,'.length);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // 32 bytes: 43 characters, the last carrying 2 unused bits. Its siblings decode the same.
    const last = alphabet.indexOf(signature[42]!);
    for (const variant of [1, 2, 3].map((d) => alphabet[(last & ~3) | ((last + d) & 3)]!)) {
      const spelled = `v1,${signature.slice(0, 42)}${variant}=`;
      await expect(
        api.verifyWebhook(body, { ...headers, 'webhook-signature': spelled }, secret, at(T0)),
      ).rejects.toMatchObject({ code: 'no_matching_signature' });
    }
    await expect(api.verifyWebhook(body, headers, secret, at(T0))).resolves.toBeDefined();
  });

  it('round-trips a v1a (Ed25519) delivery with a generated key pair', async () => {
    const { publicKey, secretKey } = await api.generateEd25519KeyPair();
    expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
    const headers = await api.signWebhook({
      id: 'msg_2',
      timestamp: T0,
      payload: body,
      secret: secretKey,
    });
    expect(headers['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    await expect(api.verifyWebhook(body, headers, publicKey, at(T0))).resolves.toMatchObject({
      id: 'msg_2',
    });
    const other = await api.generateEd25519KeyPair();
    await expect(api.verifyWebhook(body, headers, other.publicKey, at(T0))).rejects.toMatchObject({
      code: 'no_matching_signature',
      status: 401,
    });
  });

  it('refuses a signature header with more entries than any rotation needs (a cost attack)', async () => {
    const secret = api.generateSecret();
    const headers = await api.signWebhook({ id: 'msg_9', timestamp: T0, payload: body, secret });
    const padding = Array.from({ length: 16 }, () => `v1a,${'A'.repeat(86)}==`).join(' ');
    const padded = {
      ...headers,
      'webhook-signature': `${padding} ${headers['webhook-signature']}`,
    };
    const result = await api.safeVerifyWebhook(body, padded, secret, at(T0));
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_signature_header');
    // A rotation's handful of entries still verifies.
    const few = `${padding.split(' ').slice(0, 3).join(' ')} ${headers['webhook-signature']}`;
    await expect(
      api.verifyWebhook(body, { ...headers, 'webhook-signature': few }, secret, at(T0)),
    ).resolves.toMatchObject({ id: 'msg_9' });
  });

  it('defaults the signing timestamp to now', async () => {
    const secret = api.generateSecret();
    const before = Math.floor(Date.now() / 1000);
    const headers = await api.signWebhook({ id: 'msg_now', payload: body, secret });
    const signedAt = Number(headers['webhook-timestamp']);
    expect(signedAt).toBeGreaterThanOrEqual(before);
    expect(signedAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    await expect(api.verifyWebhook(body, headers, secret)).resolves.toMatchObject({
      timestamp: signedAt,
    });
  });

  it('accepts the payload as string, Uint8Array, Buffer and ArrayBuffer', async () => {
    const secret = api.generateSecret();
    const bytes = new TextEncoder().encode(body);
    const headers = await api.signWebhook({ id: 'msg_3', timestamp: T0, payload: bytes, secret });
    const copy = bytes.slice();
    for (const payload of [body, bytes, Buffer.from(body), copy.buffer]) {
      await expect(api.verifyWebhook(payload, headers, secret, at(T0))).resolves.toMatchObject({
        payload: body,
      });
    }
  });

  it('verifies non-ASCII bodies byte for byte', async () => {
    const secret = api.generateSecret();
    const text = '{"name":"Zoë 😀","city":"Zürich"}';
    const headers = await api.signWebhook({ id: 'msg_u', timestamp: T0, payload: text, secret });
    const webhook = await api.verifyWebhook(Buffer.from(text, 'utf8'), headers, secret, at(T0));
    expect(webhook.payload).toBe(text);
  });

  it('signs a text payload as the UTF-8 bytes it is sent as, lone surrogates included', async () => {
    // HMAC keys hash the text directly; Ed25519 keys get its bytes. Either way a lone surrogate
    // is U+FFFD (EF BF BD), as TextEncoder, Buffer and fetch encode it on the wire.
    const hmac = api.generateSecret();
    const { secretKey, publicKey } = await api.generateEd25519KeyPair();
    const text = '{"name":"Zoë \ud800 😀"}';
    const sent = new TextEncoder().encode(text);
    expect(Buffer.from(sent).includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(true);
    const headers = await api.signWebhook({
      id: 'msg_s',
      timestamp: T0,
      payload: text,
      secret: [hmac, secretKey],
    });
    const fromBytes = await api.signWebhook({
      id: 'msg_s',
      timestamp: T0,
      payload: sent,
      secret: [hmac, secretKey],
    });
    expect(headers).toEqual(fromBytes);
    for (const secret of [hmac, publicKey]) {
      await expect(api.verifyWebhook(sent, headers, secret, at(T0))).resolves.toBeDefined();
    }
  });

  describe('rotation', () => {
    it('signs once per secret, space-separated, and each secret alone verifies', async () => {
      const oldSecret = api.generateSecret();
      const newSecret = api.generateSecret();
      const { secretKey, publicKey } = await api.generateEd25519KeyPair();
      const headers = await api.signWebhook({
        id: 'msg_r',
        timestamp: T0,
        payload: body,
        secret: [oldSecret, newSecret, secretKey],
      });
      const entries = headers['webhook-signature'].split(' ');
      expect(entries.map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1', 'v1a']);
      for (const secret of [oldSecret, newSecret, publicKey]) {
        await expect(api.verifyWebhook(body, headers, secret, at(T0))).resolves.toBeDefined();
      }
    });

    it('passes when any of several secrets matches any signature', async () => {
      const signing = api.generateSecret();
      const headers = await api.signWebhook({
        id: 'msg_r2',
        timestamp: T0,
        payload: body,
        secret: signing,
      });
      const stale = api.generateSecret();
      await expect(
        api.verifyWebhook(body, headers, [stale, signing], at(T0)),
      ).resolves.toMatchObject({ id: 'msg_r2' });
      await expect(api.verifyWebhook(body, headers, [stale], at(T0))).rejects.toMatchObject({
        code: 'no_matching_signature',
      });
    });

    it('skips unknown versions and broken entries among the signatures', async () => {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_r3', timestamp: T0, payload: body, secret });
      const mixed = {
        ...headers,
        'webhook-signature': `v2,abc v1,!!notbase64!! garbage ${headers['webhook-signature']} v1a,AAAA`,
      };
      await expect(api.verifyWebhook(body, mixed, secret, at(T0))).resolves.toBeDefined();
    });
  });

  describe('header shapes', () => {
    async function signed() {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_h', timestamp: T0, payload: body, secret });
      return { secret, headers };
    }

    it('reads a fetch Headers object', async () => {
      const { secret, headers } = await signed();
      await expect(
        api.verifyWebhook(body, new Headers(headers), secret, at(T0)),
      ).resolves.toBeDefined();
    });

    it('matches header names case-insensitively in a plain record', async () => {
      const { secret, headers } = await signed();
      const upper = {
        'Webhook-Id': headers['webhook-id'],
        'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
        'Webhook-Signature': headers['webhook-signature'],
      };
      await expect(api.verifyWebhook(body, upper, secret, at(T0))).resolves.toBeDefined();
    });

    it('accepts the svix-id / svix-timestamp / svix-signature aliases', async () => {
      const { secret, headers } = await signed();
      const svix = {
        'svix-id': headers['webhook-id'],
        'svix-timestamp': headers['webhook-timestamp'],
        'svix-signature': headers['webhook-signature'],
      };
      await expect(api.verifyWebhook(body, svix, secret, at(T0))).resolves.toMatchObject({
        id: 'msg_h',
      });
      await expect(
        api.verifyWebhook(body, new Headers(svix), secret, at(T0)),
      ).resolves.toBeDefined();
    });

    it('joins Node header arrays for the signature and takes the first id and timestamp', async () => {
      const { secret, headers } = await signed();
      const nodeStyle = {
        'webhook-id': [headers['webhook-id'], 'msg_other'],
        'webhook-timestamp': [headers['webhook-timestamp']],
        'webhook-signature': [
          'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
          headers['webhook-signature'],
        ],
        'content-type': 'application/json',
        'x-absent': undefined,
      };
      await expect(api.verifyWebhook(body, nodeStyle, secret, at(T0))).resolves.toMatchObject({
        id: 'msg_h',
      });
    });

    it('accepts a signature header that fetch joined from two lines with ", "', async () => {
      const { secret, headers } = await signed();
      const joined = new Headers({ 'webhook-id': 'msg_h', 'webhook-timestamp': String(T0) });
      joined.append('webhook-signature', 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=');
      joined.append('webhook-signature', headers['webhook-signature']);
      expect(joined.get('webhook-signature')).toContain(', ');
      await expect(api.verifyWebhook(body, joined, secret, at(T0))).resolves.toBeDefined();
    });

    it.each([['webhook-id'], ['webhook-timestamp'], ['webhook-signature']] as const)(
      'refuses a delivery without %s (missing_header, 401)',
      async (name) => {
        const { secret, headers } = await signed();
        const partial: Record<string, string> = { ...headers };
        delete partial[name];
        await expect(api.verifyWebhook(body, partial, secret, at(T0))).rejects.toMatchObject({
          code: 'missing_header',
          status: 401,
          message: expect.stringContaining(name),
        });
        await expect(
          api.verifyWebhook(body, { ...partial, [name]: '   ' }, secret, at(T0)),
        ).rejects.toMatchObject({ code: 'missing_header' });
      },
    );

    it('refuses a signature header with no version,signature entry (invalid_signature_header, 400)', async () => {
      const { secret, headers } = await signed();
      for (const value of ['garbage', 'v1', ',abc', 'v1,']) {
        await expect(
          api.verifyWebhook(body, { ...headers, 'webhook-signature': value }, secret, at(T0)),
        ).rejects.toMatchObject({ code: 'invalid_signature_header', status: 400 });
      }
    });
  });

  describe('timestamps', () => {
    it.each(['1e9', ' 123', '12.5', '-5', '+5', '0x10', '0123', '1700000000000', 'abc', '１２３'])(
      'rejects the timestamp %j as invalid_timestamp (400)',
      async (timestamp) => {
        const secret = api.generateSecret();
        const headers = await api.signWebhook({
          id: 'msg_t',
          timestamp: T0,
          payload: body,
          secret,
        });
        const result = await api.safeVerifyWebhook(
          body,
          { ...headers, 'webhook-timestamp': timestamp },
          secret,
          at(T0),
        );
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect([result.error.code, result.error.status]).toEqual(['invalid_timestamp', 400]);
      },
    );

    it('accepts exactly the tolerance in both directions and refuses one second beyond', async () => {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_t2', timestamp: T0, payload: body, secret });
      await expect(api.verifyWebhook(body, headers, secret, at(T0 + 300))).resolves.toBeDefined();
      await expect(api.verifyWebhook(body, headers, secret, at(T0 - 300))).resolves.toBeDefined();
      await expect(api.verifyWebhook(body, headers, secret, at(T0 + 301))).rejects.toMatchObject({
        code: 'timestamp_too_old',
        status: 401,
      });
      await expect(api.verifyWebhook(body, headers, secret, at(T0 - 301))).rejects.toMatchObject({
        code: 'timestamp_too_new',
        status: 401,
      });
    });

    it('honours a custom tolerance and Infinity (no check)', async () => {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_t3', timestamp: T0, payload: body, secret });
      const clock = at(T0 + 61);
      await expect(
        api.verifyWebhook(body, headers, secret, { ...clock, toleranceSeconds: 60 }),
      ).rejects.toMatchObject({ code: 'timestamp_too_old' });
      await expect(
        api.verifyWebhook(body, headers, secret, { ...clock, toleranceSeconds: 61 }),
      ).resolves.toBeDefined();
      await expect(
        api.verifyWebhook(body, headers, secret, {
          ...at(T0 + 10 ** 9),
          toleranceSeconds: Infinity,
        }),
      ).resolves.toBeDefined();
    });

    it('rejects unusable options with invalid_options (500)', async () => {
      const secret = api.generateSecret();
      const headers = await api.signWebhook({ id: 'msg_t4', timestamp: T0, payload: body, secret });
      for (const options of [
        { toleranceSeconds: -1 },
        { toleranceSeconds: Number.NaN },
        { now: () => Number.NaN },
      ]) {
        await expect(api.verifyWebhook(body, headers, secret, options)).rejects.toMatchObject({
          code: 'invalid_options',
          status: 500,
        });
      }
    });
  });

  describe('secrets', () => {
    it('refuses a whsk_ secret key for verifying and a whpk_ public key for signing', async () => {
      const { secretKey, publicKey } = await api.generateEd25519KeyPair();
      const headers = await api.signWebhook({
        id: 'msg_s',
        timestamp: T0,
        payload: body,
        secret: secretKey,
      });
      await expect(api.verifyWebhook(body, headers, secretKey, at(T0))).rejects.toMatchObject({
        code: 'invalid_secret',
        status: 500,
        message: expect.stringContaining('whpk_'),
      });
      await expect(
        api.signWebhook({ id: 'msg_s', timestamp: T0, payload: body, secret: publicKey }),
      ).rejects.toMatchObject({
        code: 'invalid_secret',
        message: expect.stringContaining('whsk_'),
      });
    });

    it.each([
      ['an empty string', ''],
      ['an empty list', []],
      ['broken base64', 'whsec_not base64!'],
      ['a short whpk_ key', 'whpk_AAAA'],
      ['a non-string', 42],
    ])('refuses %s as invalid_secret', async (_label, secret) => {
      const headers = await api.signWebhook({
        id: 'msg_s2',
        timestamp: T0,
        payload: body,
        secret: api.generateSecret(),
      });
      await expect(
        api.verifyWebhook(body, headers, secret as string, at(T0)),
      ).rejects.toMatchObject({ code: 'invalid_secret', status: 500 });
    });

    it('generates distinct 32-byte whsec_ secrets', () => {
      const a = api.generateSecret();
      const b = api.generateSecret();
      expect(a).not.toBe(b);
      expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    });
  });

  describe('signing input', () => {
    it.each([
      ['an id with a dot', { id: 'msg.1' }],
      ['an id with a space', { id: 'msg 1' }],
      ['an empty id', { id: '' }],
      ['a fractional timestamp', { timestamp: 1.5 }],
      ['a millisecond timestamp', { timestamp: Date.now() }],
      ['a negative timestamp', { timestamp: -1 }],
    ])('refuses %s with invalid_input', async (_label, change) => {
      await expect(
        api.signWebhook({
          id: 'msg_ok',
          timestamp: T0,
          payload: body,
          secret: api.generateSecret(),
          ...change,
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', status: 500 });
    });
  });
});

describe('web and node builds agree', () => {
  const [web, node] = [builds[0].api, builds[1].api];

  it('verifies on each build what the other signed (v1 and v1a)', async () => {
    const secret = web.generateSecret();
    const pair = await node.generateEd25519KeyPair();
    const fromWeb = await web.signWebhook({
      id: 'msg_x',
      timestamp: T0,
      payload: body,
      secret: [secret, pair.secretKey],
    });
    const fromNode = await node.signWebhook({
      id: 'msg_x',
      timestamp: T0,
      payload: body,
      secret: [secret, pair.secretKey],
    });
    expect(fromWeb).toEqual(fromNode);
    await expect(node.verifyWebhook(body, fromWeb, [secret], at(T0))).resolves.toBeDefined();
    await expect(
      web.verifyWebhook(body, fromNode, [pair.publicKey], at(T0)),
    ).resolves.toBeDefined();
  });
});
