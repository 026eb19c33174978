import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import { emailSchema, prefixedId, timestampSchema } from './common.js';
import { userIdSchema } from './user.js';

/** `ses_...` */
export const sessionIdSchema = prefixedId('ses', 'a login session', 'ses_01J9Z4A1B2C3');

/** A login session. */
export const sessionSchema = component(
  'Session',
  'A login session of a user. Creating one (a login) emits `user.login`; revoking one emits `session.revoked`.',
  z.object({
    id: sessionIdSchema,
    user_id: userIdSchema,
    status: z.enum(['active', 'revoked', 'expired']),
    ip_address: z.string().nullable().meta({ description: 'IP address the login came from.' }),
    user_agent: z.string().nullable().meta({ description: 'User agent the login came from.' }),
    created_at: timestampSchema,
    expires_at: timestampSchema,
    revoked_at: timestampSchema.nullable(),
  }),
);

/** Body of `POST /v1/sessions`. */
export const createSessionRequestSchema = requestComponent(
  'CreateSessionRequest',
  'Logs a user in with email and password.',
  z.object({
    email: emailSchema,
    password: z.string().min(1).max(128),
    ip_address: z.union([z.ipv4(), z.ipv6()]).optional(),
    user_agent: z
      .string()
      .min(1, {
        error: 'Expected a non-empty user agent; leave user_agent out to use the User-Agent header',
      })
      .max(512)
      .optional(),
  }),
);

/** Query of `GET /v1/sessions`. */
export const listSessionsQuerySchema = z.object({
  user_id: userIdSchema.optional().meta({ description: 'Only sessions of this user.' }),
  status: z.enum(['active', 'revoked', 'expired']).optional(),
});

/** A login session (see {@link sessionSchema}). */
export type Session = z.infer<typeof sessionSchema>;
/** Body of `POST /v1/sessions`. */
export type CreateSessionRequest = z.input<typeof createSessionRequestSchema>;
