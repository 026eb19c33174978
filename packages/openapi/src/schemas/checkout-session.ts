import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import {
  amountSchema,
  currencySchema,
  emailSchema,
  metadataSchema,
  timestampSchema,
  webUrlSchema,
} from './common.js';
import { customerIdSchema } from './event-fields.js';
import {
  checkoutSessionIdSchema,
  paymentIdSchema,
  paymentSchema,
  subscriptionIdSchema,
} from './payment.js';
import { billingIntervalSchema, planIdSchema } from './subscription.js';
import { userIdSchema } from './user.js';

export { checkoutSessionIdSchema };

/** A checkout session. */
export const checkoutSessionSchema = component(
  'CheckoutSession',
  'A payment page for one purchase (`mode: payment`) or the start of a subscription (`mode: subscription`). The customer pays on the page at `url` (in the sandbox: `POST /v1/checkout/sessions/{checkout_session_id}/pay`).',
  z.object({
    id: checkoutSessionIdSchema,
    status: z.enum(['open', 'complete', 'expired']),
    mode: z.enum(['payment', 'subscription']),
    amount: amountSchema,
    currency: currencySchema,
    user_id: userIdSchema.nullable(),
    customer_id: customerIdSchema.nullable().meta({
      description:
        'The billing customer; set once the checkout completes (as in `checkout.completed`).',
    }),
    customer_email: emailSchema.nullable(),
    plan_id: planIdSchema
      .nullable()
      .meta({ description: 'The plan subscribed to (`mode: subscription`).' }),
    interval: billingIntervalSchema.nullable(),
    url: z.url().meta({ description: 'The hosted payment page.' }),
    success_url: z.url(),
    cancel_url: z.url().nullable(),
    payment_id: paymentIdSchema.nullable().meta({ description: 'The latest payment attempt.' }),
    subscription_id: subscriptionIdSchema.nullable(),
    created_at: timestampSchema,
    expires_at: timestampSchema,
    completed_at: timestampSchema.nullable(),
    metadata: metadataSchema,
  }),
);

/** Body of `POST /v1/checkout/sessions`. */
export const createCheckoutSessionRequestSchema = requestComponent(
  'CreateCheckoutSessionRequest',
  'Opens a checkout session. With `mode: subscription`, `plan_id` and `interval` are required and completing the checkout creates the subscription.',
  z
    .object({
      mode: z.enum(['payment', 'subscription']).default('payment'),
      amount: amountSchema.min(50),
      currency: currencySchema,
      user_id: userIdSchema.optional(),
      customer_email: emailSchema.optional(),
      plan_id: planIdSchema.optional(),
      interval: billingIntervalSchema.optional(),
      success_url: webUrlSchema.meta({
        description: 'Where the pay page sends the customer after paying.',
      }),
      cancel_url: webUrlSchema
        .meta({ description: 'Where the pay page links back to without paying.' })
        .optional(),
      metadata: metadataSchema.optional(),
    })
    .refine(
      (body) =>
        body.mode === 'payment' || (body.plan_id !== undefined && body.interval !== undefined),
      {
        message: '`plan_id` and `interval` are required when `mode` is `subscription`',
        path: ['plan_id'],
      },
    )
    // The refinement above, for the document (z.toJSONSchema cannot see refinements). `then`
    // names the two properties again (`true`: as defined above) because redocly's
    // no-required-schema-properties-undefined looks only inside the subschema.
    .meta({
      if: { properties: { mode: { const: 'subscription' } }, required: ['mode'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
      then: { properties: { plan_id: true, interval: true }, required: ['plan_id', 'interval'] },
    }),
);

/** Body of `POST /v1/checkout/sessions/{checkout_session_id}/pay`. */
export const payCheckoutSessionRequestSchema = requestComponent(
  'PayCheckoutSessionRequest',
  'The customer pays (this stands in for the hosted payment page). Test cards: `4242424242424242` succeeds, `4000000000000002` is declined, `4000000000009995` has insufficient funds; `outcome` forces a result whatever the card.',
  z.object({
    card: z.object({
      number: z.string().regex(/^\d{12,19}$/),
      exp_month: z.int().min(1).max(12),
      exp_year: z.int().min(2000).max(2100),
      cvc: z.string().regex(/^\d{3,4}$/),
    }),
    outcome: z.enum(['succeeded', 'card_declined', 'insufficient_funds']).optional(),
  }),
);

/** Response of `POST /v1/checkout/sessions/{checkout_session_id}/pay`. */
export const payCheckoutSessionResponseSchema = component(
  'PayCheckoutSessionResponse',
  'The checkout session after the attempt and the payment it made. On success the session is `complete` (emits `checkout.completed` and `payment.succeeded`, and `subscription.created` in subscription mode); on failure it stays `open` so the customer can try again (emits `payment.failed`).',
  z.object({
    checkout_session: checkoutSessionSchema,
    payment: paymentSchema,
  }),
);

/** A checkout session (see {@link checkoutSessionSchema}). */
export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;
/** Body of `POST /v1/checkout/sessions`. */
export type CreateCheckoutSessionRequest = z.input<typeof createCheckoutSessionRequestSchema>;
/** Body of `POST /v1/checkout/sessions/{checkout_session_id}/pay`. */
export type PayCheckoutSessionRequest = z.input<typeof payCheckoutSessionRequestSchema>;
