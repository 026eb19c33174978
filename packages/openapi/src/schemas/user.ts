import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import {
  deletedSchema,
  emailSchema,
  metadataSchema,
  prefixedId,
  timestampSchema,
} from './common.js';
import { customerIdSchema } from './event-fields.js';

/** `usr_...` */
export const userIdSchema = prefixedId('usr', 'a user', 'usr_01J9Z3K7Q2M5');

/** A person who can log in. */
export const userSchema = component(
  'User',
  'A person who can log in to your app. Creating one emits `user.created`; deleting one emits `user.deleted`.',
  z.object({
    id: userIdSchema,
    email: emailSchema,
    name: z.string().nullable(),
    email_verified: z.boolean(),
    customer_id: customerIdSchema.meta({
      description: 'The billing customer of this user; payment and subscription events name it.',
    }),
    created_at: timestampSchema,
    metadata: metadataSchema,
  }),
);

/** Body of `POST /v1/users`. */
export const createUserRequestSchema = requestComponent(
  'CreateUserRequest',
  'Creates a user with a password they can log in with.',
  z.object({
    email: emailSchema,
    password: z
      .string()
      .min(8)
      .max(128)
      .meta({ description: 'At least 8 characters. Never returned.' }),
    name: z.string().min(1).max(200).optional(),
    metadata: metadataSchema.optional(),
  }),
);

/** Query of `GET /v1/users`. */
export const listUsersQuerySchema = z.object({
  email: emailSchema.optional().meta({ description: 'Only the user with this email address.' }),
  customer_id: customerIdSchema
    .optional()
    .meta({ description: 'Only the user with this billing customer.' }),
});

/** Body of `DELETE /v1/users/{user_id}`. */
export const deletedUserSchema = deletedSchema('User', userIdSchema);

/** A user (see {@link userSchema}). */
export type User = z.infer<typeof userSchema>;
/** Body of `POST /v1/users`. */
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;
