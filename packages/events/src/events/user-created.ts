import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { authMethod, email, ipAddress, userAgent } from '../fields.js';

/** `user.created` v1: a user signed up or was created by an admin. */
export const userCreatedV1 = defineEvent({
  event: 'user.created',
  version: 1,
  category: 'auth',
  description: 'A new user account was created, by sign-up, invitation or an admin.',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    email,
    email_verified: z
      .boolean()
      .describe(
        'Whether the address was confirmed (always `true` for OAuth sign-ups that vouch for it).',
      ),
    name: z.string().min(1).max(256).nullable().describe('Display name; `null` when not given.'),
    source: z
      .enum(['signup', 'invitation', 'admin', 'import'])
      .describe('How the account came to be.'),
    signup_method: authMethod.describe(
      'How the user will sign in; `oauth_provider` is set when this is `oauth`.',
    ),
    oauth_provider: z
      .enum(['google', 'github', 'apple', 'microsoft', 'facebook'])
      .nullable()
      .describe('The identity provider when `signup_method` is `oauth`; otherwise `null`.'),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Expected a BCP 47 tag like "en-US"')
      .nullable()
      .describe('Preferred language, a BCP 47 tag such as `en-US`.'),
    ip_address: ipAddress
      .nullable()
      .describe('Client address at sign-up; `null` when created by an admin or an import.'),
    user_agent: userAgent
      .nullable()
      .describe('Client user agent at sign-up; `null` when created by an admin or an import.'),
  }),
  example: {
    id: 'evt_01JQ3ZB6V4K8M2N7P9R1S3T5W0',
    event: 'user.created',
    version: 1,
    timestamp: '2026-03-13T16:58:12Z',
    resource_id: 'usr_abc123',
    metadata: {
      email: 'ada@example.com',
      email_verified: false,
      name: 'Ada Lovelace',
      source: 'signup',
      signup_method: 'password',
      oauth_provider: null,
      locale: 'en-GB',
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
    },
  },
});
