import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { email, ipAddress, userAgent, utcTimestamp } from '../fields.js';

/** `password_reset.requested` v1: someone asked for a password-reset link. */
export const passwordResetRequestedV1 = defineEvent({
  event: 'password_reset.requested',
  version: 1,
  category: 'auth',
  description: 'A password reset was requested; a one-time link or code was sent.',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    email,
    delivery: z.enum(['email', 'sms']).describe('Where the link or code was sent.'),
    expires_at: utcTimestamp.describe('When the link or code stops working.'),
    ip_address: ipAddress,
    user_agent: userAgent,
  }),
  example: {
    id: 'evt_01JQ3ZE5A7B9C1D3E5F7G9H1J3',
    event: 'password_reset.requested',
    version: 1,
    timestamp: '2026-03-13T17:05:30Z',
    resource_id: 'usr_abc123',
    metadata: {
      email: 'ada@example.com',
      delivery: 'email',
      expires_at: '2026-03-13T18:05:30Z',
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
    },
  },
});
