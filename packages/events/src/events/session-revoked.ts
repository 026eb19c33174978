import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { ipAddress, userId } from '../fields.js';

/** `session.revoked` v1: a session can no longer be used. */
export const sessionRevokedV1 = defineEvent({
  event: 'session.revoked',
  version: 1,
  category: 'auth',
  description:
    'A session was ended: sign-out, admin revocation, password change or a security rule.',
  resourceIdPrefix: 'ses',
  metadata: z.strictObject({
    user_id: userId.describe('The user whose session it was.'),
    reason: z
      .enum([
        'logout',
        'admin_revoked',
        'password_changed',
        'user_deleted',
        'suspicious_activity',
        'expired',
      ])
      .describe('Why the session ended.'),
    revoked_by: z
      .enum(['user', 'admin', 'system'])
      .describe('Who ended it: the user, an admin, or the platform.'),
    ip_address: ipAddress
      .nullable()
      .describe('Address the revocation came from; `null` when the system revoked it.'),
  }),
  example: {
    id: 'evt_01JQ3ZG8W0X2Y4Z6A8B0C2D4E6',
    event: 'session.revoked',
    version: 1,
    timestamp: '2026-03-13T19:42:10Z',
    resource_id: 'ses_9f8e7d6c5b',
    metadata: {
      user_id: 'usr_abc123',
      reason: 'logout',
      revoked_by: 'user',
      ip_address: '203.0.113.42',
    },
  },
});
