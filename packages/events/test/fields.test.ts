import { isIP } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getEventDefinition, getEventJsonSchema } from '../src/index.js';

// The IP and email rules are where zod's own checks and JSON Schema `format`s are most likely
// to drift apart, so they get their own, much larger, agreement runs.

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);

const login = getEventDefinition('user.login', 1);
const created = getEventDefinition('user.created', 1);
if (login === undefined || created === undefined) throw new Error('catalog is missing entries');
const loginJson = ajv.compile(getEventJsonSchema('user.login', 1));
const createdJson = ajv.compile(getEventJsonSchema('user.created', 1));

function withIp(ip: string) {
  return { ...login?.example, metadata: { ...login?.example.metadata, ip_address: ip } };
}
function withEmail(email: string) {
  return { ...created?.example, metadata: { ...created?.example.metadata, email } };
}

/** Strings built from the characters of IP addresses: mostly near misses. */
const ipLike = fc
  .array(fc.constantFrom(...'0123456789abcdefABCDEF:.'.split('')), { minLength: 2, maxLength: 45 })
  .map((chars) => chars.join(''));

describe('ip_address', () => {
  it('accepts every IPv4 and IPv6 address, in zod and in JSON Schema', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        expect(login.schema.safeParse(withIp(ip)).success, ip).toBe(true);
        expect(loginJson(withIp(ip)), ip).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('zod, JSON Schema and node:net agree on any IP-looking string', () => {
    fc.assert(
      fc.property(fc.oneof(ipLike, fc.ipV4Extended(), fc.ipV6(), fc.string()), (text) => {
        const byNode = isIP(text) !== 0;
        expect(
          { zod: login.schema.safeParse(withIp(text)).success, json: loginJson(withIp(text)) },
          text,
        ).toEqual({ zod: byNode, json: byNode });
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts embedded IPv4 forms and rejects zone ids and leading-zero octets', () => {
    for (const ip of ['::ffff:192.0.2.1', '64:ff9b::198.51.100.7', '::', '::1', '2001:DB8::1']) {
      expect(login.schema.safeParse(withIp(ip)).success, ip).toBe(true);
      expect(loginJson(withIp(ip)), ip).toBe(true);
    }
    for (const ip of ['fe80::1%eth0', '192.168.01.1', '1.2.3', '1:2:3:4:5:6:7:8:9', ':::1']) {
      expect(login.schema.safeParse(withIp(ip)).success, ip).toBe(false);
      expect(loginJson(withIp(ip)), ip).toBe(false);
    }
  });
});

describe('email', () => {
  it('zod and JSON Schema agree on generated and near-miss addresses', () => {
    const plausible = fc.stringMatching(
      /^[a-z0-9]{1,8}([.+_][a-z0-9]{1,8})?@[a-z0-9]{1,8}(-[a-z0-9]{1,5})?\.(com|org|example|co\.uk)$/,
    );
    const nearMiss = fc.stringMatching(/^[a-z0-9.'+_-]{1,6}@[a-z0-9.-]{1,10}\.[a-z0-9-]{1,4}$/);
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(plausible, fc.emailAddress(), nearMiss, fc.string()), (email) => {
        const zod = created.schema.safeParse(withEmail(email)).success;
        if (zod) accepted += 1;
        expect(createdJson(withEmail(email)), email).toBe(zod);
      }),
      { numRuns: 5000 },
    );
    // Not vacuous: a good share of the inputs are valid addresses.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('rejects domain labels that end in a hyphen', () => {
    expect(created.schema.safeParse(withEmail('ada@example-.com')).success).toBe(false);
    expect(created.schema.safeParse(withEmail('ada@ex-ample.com')).success).toBe(true);
  });
});

describe('timestamp', () => {
  it('zod and JSON Schema agree on digit-level variations of ISO 8601 timestamps', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const candidate = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        fc.constantFrom('T', 't', ' '),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom('', '.5', '.123', '.123456'),
        fc.constantFrom('Z', 'z', '', '+00:00', '-05:30'),
      )
      .map(
        ([y, mo, d, t, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${zone}`,
      );
    const realistic = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2199-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(candidate, realistic), (timestamp) => {
        const event = { ...login.example, timestamp };
        const zod = login.schema.safeParse(event).success;
        if (zod) accepted += 1;
        expect(loginJson(event), timestamp).toBe(zod);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(1000);
  });

  it('accepts 29 February only in leap years', () => {
    const at = (timestamp: string) =>
      login.schema.safeParse({ ...login.example, timestamp }).success;
    expect(at('2024-02-29T12:00:00Z')).toBe(true);
    expect(at('2000-02-29T12:00:00Z')).toBe(true);
    expect(at('2026-02-29T12:00:00Z')).toBe(false);
    expect(at('2100-02-29T12:00:00Z')).toBe(false);
  });
});

describe('text lengths', () => {
  it('count code points in zod and JSON Schema alike (astral characters count once)', () => {
    const payment = getEventDefinition('payment.succeeded', 2);
    if (payment === undefined) throw new Error('payment.succeeded v2 is missing');
    const paymentJson = ajv.compile(getEventJsonSchema('payment.succeeded', 2));
    const withDescriptor = (statement_descriptor: string) => ({
      ...payment.example,
      metadata: { ...payment.example.metadata, statement_descriptor },
    });
    // 22 characters is the limit: 22 emoji (44 UTF-16 units) fit, 23 do not.
    expect(payment.schema.safeParse(withDescriptor('😀'.repeat(22))).success).toBe(true);
    expect(paymentJson(withDescriptor('😀'.repeat(22)))).toBe(true);
    expect(payment.schema.safeParse(withDescriptor('😀'.repeat(23))).success).toBe(false);
    expect(paymentJson(withDescriptor('😀'.repeat(23)))).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 18, maxLength: 26 }), (text) => {
        const zod = payment.schema.safeParse(withDescriptor(text)).success;
        expect(paymentJson(withDescriptor(text)), JSON.stringify(text)).toBe(zod);
      }),
      { numRuns: 2000 },
    );
  });
});
