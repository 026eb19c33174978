import type { DeliveryRecord } from '@hookline/dispatcher';
import type { Delivery } from '@hookline/openapi';

/**
 * The API status for a dispatcher delivery status: a finished failure is `dead` (retryable by
 * hand) while its endpoint is enabled or unknown, and `failed` once the endpoint is disabled.
 */
export function deliveryStatus(
  status: DeliveryRecord['status'],
  endpointEnabled: boolean | undefined,
): Delivery['status'] {
  if (status !== 'failed') return status;
  return endpointEnabled === false ? 'failed' : 'dead';
}

/**
 * The inverse of {@link deliveryStatus} for a known endpoint: the dispatcher status holding the
 * deliveries the API shows as `status`, or `null` when none can.
 */
export function recordStatusFor(
  status: Delivery['status'],
  endpointEnabled: boolean,
): DeliveryRecord['status'] | null {
  if (status === 'pending' || status === 'succeeded') return status;
  return deliveryStatus('failed', endpointEnabled) === status ? 'failed' : null;
}
