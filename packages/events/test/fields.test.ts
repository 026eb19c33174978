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
