import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { ipAddress, prefixedId, sessionId, userAgent } from '../fields.js';

/** `mfa.verified` v1: a second factor was checked successfully. */
export const mfaVerifiedV1 = defineEvent({
  event: 'mfa.verified',
  version: 1,
  category: 'auth',
  description: 'A user passed a multi-factor challenge (TOTP, SMS, WebAuthn, recovery code...).',
  resourceIdPrefix: 'usr',
  metadata: z.strictObject({
    factor_type: z
      .enum(['totp', 'sms', 'email', 'webauthn', 'push', 'recovery_code'])
      .describe('The kind of second factor that was verified.'),
    factor_id: prefixedId('mfa').describe('The enrolled factor that was used.'),
    reason: z.enum(['login', 'step_up', 'enrollment']).describe('Why the challenge was shown.'),
    session_id: sessionId,
    ip_address: ipAddress,
    user_agent: userAgent,
  }),
  example: {
    id: 'evt_01JQ3ZF1K3M5N7P9Q1R3S5T7V9',
    event: 'mfa.verified',
    version: 1,
    timestamp: '2026-03-13T17:00:04Z',
    resource_id: 'usr_abc123',
    metadata: {
      factor_type: 'totp',
      factor_id: 'mfa_7h6g5f4e',
      reason: 'login',
      session_id: 'ses_9f8e7d6c5b',
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
    },
  },
});
