import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import { emailSchema, prefixedId, timestampSchema } from './common.js';
import { eventTypeSchema, eventVersionSchema } from './event.js';

/** `acct_...` */
export const accountIdSchema = prefixedId('acct', 'an account', 'acct_01J9Z1X0Y9W8');

/**
 * The version policy of deliveries: `api_version` applies to every event type (each event goes
 * out at the highest version of its type that is at most `api_version`; null means the latest),
 * and `event_versions` pins single event types, overriding `api_version`.
 */
export const versionPolicyShape = {
  api_version: eventVersionSchema.nullable().meta({
    description:
      'Each event is sent at the highest version of its type that is at most this number; null sends the latest version.',
  }),
  event_versions: z.partialRecord(eventTypeSchema, eventVersionSchema).meta({
    description: 'Pins single event types to a version, overriding `api_version`.',
    examples: [{ 'payment.succeeded': 1 }],
  }),
};

/** The account an API key belongs to. */
export const accountSchema = component(
  'Account',
  'The account the API key belongs to, with the defaults new webhook endpoints inherit.',
  z.object({
    id: accountIdSchema,
    name: z.string(),
    email: emailSchema.nullable(),
    livemode: z.boolean().meta({ description: 'False for `sk_test_` keys.' }),
    default_api_version: versionPolicyShape.api_version.meta({
      description: '`api_version` of webhook endpoints created without one; null means the latest.',
    }),
    default_event_versions: versionPolicyShape.event_versions.meta({
      description: '`event_versions` of webhook endpoints created without them.',
    }),
    created_at: timestampSchema,
  }),
);

/** Body of `PATCH /v1/account`. */
export const updateAccountRequestSchema = requestComponent(
  'UpdateAccountRequest',
  'Changes the account. Fields left out keep their value.',
  z.object({
    name: z.string().min(1).max(200).optional(),
    email: emailSchema.nullable().optional(),
    default_api_version: versionPolicyShape.api_version.optional(),
    default_event_versions: versionPolicyShape.event_versions.optional(),
  }),
);

/** The account (see {@link accountSchema}). */
export type Account = z.infer<typeof accountSchema>;
/** Body of `PATCH /v1/account`. */
export type UpdateAccountRequest = z.input<typeof updateAccountRequestSchema>;
