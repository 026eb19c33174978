import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { prefixedId } from '../fields.js';

/** `user.deleted` v1: the account is gone (soft- or hard-deleted). */
export const userDeletedV1 = defineEvent({
  event: 'user.deleted',
  version: 1,
  category: 'auth',
  description: 'A user account was deleted, by the user, an admin or a retention policy.',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    deleted_by: z
      .enum(['user', 'admin', 'system'])
      .describe('Who deleted it: the user themself, an admin, or the platform.'),
    actor_id: z
      .union([prefixedId('usr'), prefixedId('key')], {
        error: 'Expected a user id like "usr_abc123", an API key id like "key_abc123", or null',
      })
      .nullable()
      .describe(
        'The admin (`usr_...`) or API key (`key_...`) that deleted it; `null` for self-service and system.',
      ),
    reason: z
      .enum(['user_requested', 'admin_action', 'inactivity', 'fraud', 'gdpr_erasure'])
      .describe('Why the account was deleted.'),
    hard_delete: z
      .boolean()
      .describe('`true` when personal data was erased, not just the account disabled.'),
  }),
  example: {
    id: 'evt_01JQ4A1B2C3D4E5F6G7H8J9K0M',
    event: 'user.deleted',
    version: 1,
    timestamp: '2026-03-14T09:12:45Z',
    resource_id: 'usr_abc123',
    metadata: {
      deleted_by: 'user',
      actor_id: null,
      reason: 'gdpr_erasure',
      hard_delete: true,
    },
  },
});
