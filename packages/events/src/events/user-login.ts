import { z } from 'zod';
import { defineEvent, defineMigration } from '../define-event.js';
import { authMethod, ipAddress, sessionId, userAgent } from '../fields.js';

/**
 * `user.login` v1: the shape of the original article's example, flat client fields.
 * `{ ip_address, user_agent }`.
 */
export const userLoginV1 = defineEvent({
  event: 'user.login',
  version: 1,
  category: 'auth',
  description: 'A user signed in. v1: the client address and user agent, flat.',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    ip_address: ipAddress,
    user_agent: userAgent,
  }),
  example: {
    id: 'evt_01JQ3ZC2H8D4F6G8J0K2M4N6P8',
    event: 'user.login',
    version: 1,
    timestamp: '2026-03-13T17:00:00Z',
    resource_id: 'usr_abc123',
    metadata: {
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
    },
  },
});

/** `user.login` v2 method values: v1's methods plus `unknown` for upcast v1 events. */
const loginMethod = z.enum([...authMethod.options, 'unknown']);

/**
 * `user.login` v2 (breaking): client info nested under `client`, plus how the user signed in,
 * whether a second factor was used, and the session that was opened.
 */
export const userLoginV2 = defineEvent({
  event: 'user.login',
  version: 2,
  category: 'auth',
  description:
    'A user signed in. v2: client info nested under `client`, plus the sign-in method, MFA and the new session.',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    client: z
      .strictObject({
        ip_address: ipAddress,
        user_agent: userAgent,
      })
      .describe('The client that signed in.'),
    method: loginMethod.describe(
      '`unknown` only on events upcast from v1, which did not record it.',
    ),
    mfa: z
      .boolean()
      .nullable()
      .describe('Whether a second factor was verified for this sign-in; `null` when not recorded.'),
    session_id: sessionId
      .nullable()
      .describe('The session this sign-in opened; `null` when not recorded.'),
  }),
  example: {
    id: 'evt_01JQ3ZD7Q1R3S5T7V9W1X3Y5Z7',
    event: 'user.login',
    version: 2,
    timestamp: '2026-03-13T17:00:00Z',
    resource_id: 'usr_abc123',
    metadata: {
      client: {
        ip_address: '203.0.113.42',
        user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
      },
      method: 'passkey',
      mfa: false,
      session_id: 'ses_9f8e7d6c5b',
    },
  },
});

/**
 * `user.login` v1 <-> v2.
 * - up: `ip_address`/`user_agent` move under `client`; v1 did not record the rest, so
 *   `method` = `'unknown'`, `mfa` = `null`, `session_id` = `null`.
 * - down: `client` is flattened back; `method`, `mfa` and `session_id` are dropped
 *   (v1 has no place for them). down(up(v1)) is exactly v1.
 */
export const userLoginV1ToV2 = defineMigration(userLoginV1, userLoginV2, {
  up: ({ metadata }) => ({
    client: { ip_address: metadata.ip_address, user_agent: metadata.user_agent },
    method: 'unknown' as const,
    mfa: null,
    session_id: null,
  }),
  down: ({ metadata }) => ({
    ip_address: metadata.client.ip_address,
    user_agent: metadata.client.user_agent,
  }),
});
