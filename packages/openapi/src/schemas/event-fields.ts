import { type EventDefinitionOf, type EventType, getEventDefinition } from '@hookline/events';
import { HooklineOpenApiError } from '../openapi-error.js';

/**
 * The catalog entry of one event type and version. Resources reuse field schemas from the
 * event contracts (failure codes, card brands, cancellation reasons, ...) so that the API and
 * the webhooks can never disagree on them.
 */
export function eventDefinition<T extends EventType, V extends number>(event: T, version: V) {
  const definition = getEventDefinition(event, version);
  if (!definition)
    throw new HooklineOpenApiError(
      'unknown_event',
      `@hookline/events has no ${event} v${version}, which the API schemas reuse. Build the matching @hookline/events (pnpm --filter @hookline/events build).`,
    );
  return definition as EventDefinitionOf<T, V>;
}

/** `cus_...`: the billing customer, as named in payment and subscription events. */
export const customerIdSchema = eventDefinition(
  'payment.succeeded',
  1,
).metadata.shape.customer_id.meta({
  description: 'The billing customer (`cus_...`), as named in payment and subscription events.',
  examples: ['cus_NffrFeUfNV2Hib'],
});

/** Fields of `payment.failed` v1 (failure codes). */
export const paymentFailedFields = eventDefinition('payment.failed', 1).metadata.shape;
/** Fields of `payment.succeeded` v1 (card brand, payment method). */
export const paymentSucceededFields = eventDefinition('payment.succeeded', 1).metadata.shape;
/** Fields of `subscription.created` v1 (billing interval). */
export const subscriptionCreatedFields = eventDefinition('subscription.created', 1).metadata.shape;
/** Fields of `subscription.cancelled` v1 (cancellation reasons). */
export const subscriptionCancelledFields = eventDefinition('subscription.cancelled', 1).metadata
  .shape;
