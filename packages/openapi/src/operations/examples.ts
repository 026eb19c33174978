import { type AnyEvent, type EventType, getEventDefinition } from '@hookline/events';
import { HooklineOpenApiError } from '../openapi-error.js';
import type { Account } from '../schemas/account.js';
import type { AnalyticsSummary } from '../schemas/analytics.js';
import type { CheckoutSession } from '../schemas/checkout-session.js';
import type { Delivery } from '../schemas/delivery.js';
import type { Payment } from '../schemas/payment.js';
import type { Session } from '../schemas/session.js';
import type { Subscription } from '../schemas/subscription.js';
import type { User } from '../schemas/user.js';
import type { WebhookEndpoint } from '../schemas/webhook-endpoint.js';

// One consistent story shared by every example: Ada signs up, logs in, pays at checkout and
// subscribes; the account's endpoint receives the events.

export const exampleIds = {
  account: 'acct_01J9Z1X0Y9W8',
  user: 'usr_01J9Z3K7Q2M5',
  session: 'ses_01J9Z4A1B2C3',
  checkoutSession: 'cs_01J9Z6F7G8H9',
  payment: 'pay_3MtwBwLkdIwHu7ix',
  subscription: 'sub_01J9Z7J1K2L3',
  event: 'evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1',
  endpoint: 'we_01J9Z8M4N5P6',
  delivery: 'dlv_01J9Z9Q7R8S9',
  customer: 'cus_NffrFeUfNV2Hib',
  plan: 'plan_pro_monthly',
} as const;

export const exampleAccount: Account = {
  id: exampleIds.account,
  name: 'Acme Shop',
  email: 'ops@acme.example',
  livemode: false,
  default_api_version: null,
  default_event_versions: { 'payment.succeeded': 2 },
  created_at: '2026-03-01T09:00:00Z',
};

export const exampleUser: User = {
  id: exampleIds.user,
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  email_verified: false,
  customer_id: exampleIds.customer,
  created_at: '2026-03-13T16:58:00Z',
  metadata: { plan: 'pro' },
};

export const exampleSession: Session = {
  id: exampleIds.session,
  user_id: exampleIds.user,
  status: 'active',
  ip_address: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15',
  created_at: '2026-03-13T16:59:00Z',
  expires_at: '2026-03-27T16:59:00Z',
  revoked_at: null,
};

export const examplePayment: Payment = {
  id: exampleIds.payment,
  status: 'succeeded',
  amount: 4999,
  currency: 'USD',
  user_id: exampleIds.user,
  customer_id: exampleIds.customer,
  checkout_session_id: exampleIds.checkoutSession,
  subscription_id: null,
  card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 },
  failure_code: null,
  failure_message: null,
  created_at: '2026-03-13T17:00:00Z',
  metadata: { order_id: 'order_1001' },
};

export const exampleCheckoutSession: CheckoutSession = {
  id: exampleIds.checkoutSession,
  status: 'open',
  mode: 'payment',
  amount: 4999,
  currency: 'USD',
  user_id: exampleIds.user,
  customer_id: null,
  customer_email: 'ada@example.com',
  plan_id: null,
  interval: null,
  url: `https://checkout.hookline.dev/pay/${exampleIds.checkoutSession}`,
  success_url: 'https://shop.example.com/thanks',
  cancel_url: 'https://shop.example.com/cart',
  payment_id: null,
  subscription_id: null,
  created_at: '2026-03-13T16:59:30Z',
  expires_at: '2026-03-14T16:59:30Z',
  completed_at: null,
  metadata: { order_id: 'order_1001' },
};

export const exampleCompletedCheckoutSession: CheckoutSession = {
  ...exampleCheckoutSession,
  status: 'complete',
  customer_id: exampleIds.customer,
  payment_id: exampleIds.payment,
  completed_at: '2026-03-13T17:00:00Z',
};

export const exampleSubscription: Subscription = {
  id: exampleIds.subscription,
  user_id: exampleIds.user,
  customer_id: exampleIds.customer,
  status: 'active',
  plan_id: exampleIds.plan,
  amount: 1500,
  currency: 'USD',
  interval: 'month',
  current_period_start: '2026-03-13T17:05:00Z',
  current_period_end: '2026-04-13T17:05:00Z',
  cancel_at_period_end: false,
  cancelled_at: null,
  cancellation_reason: null,
  created_at: '2026-03-13T17:05:00Z',
  metadata: {},
};

/** The catalog's own example of `payment.succeeded` v2 (about {@link examplePayment}). */
export const exampleEvent: AnyEvent = catalogExample('payment.succeeded', 2);

/** The catalog example of one event type and version. */
export function catalogExample(event: EventType, version: number): AnyEvent {
  const entry = getEventDefinition(event, version);
  if (!entry) {
    throw new HooklineOpenApiError(
      'unknown_event',
      `no ${event} v${version} in the event catalog of @hookline/events; pick an example that exists.`,
    );
  }
  return entry.example;
}

export const exampleWebhookEndpoint: WebhookEndpoint = {
  id: exampleIds.endpoint,
  url: 'https://shop.example.com/webhooks/hookline',
  description: 'Shop backend',
  enabled_events: ['payment.*', 'checkout.completed', 'user.created'],
  api_version: null,
  event_versions: { 'payment.succeeded': 2 },
  status: 'enabled',
  disabled_reason: null,
  secret_rotated_at: null,
  created_at: '2026-03-01T09:10:00Z',
  updated_at: '2026-03-01T09:10:00Z',
  metadata: {},
};

export const exampleSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export const exampleDelivery: Delivery = {
  id: exampleIds.delivery,
  endpoint_id: exampleIds.endpoint,
  event_id: exampleIds.event,
  event_type: 'payment.succeeded',
  event_version: 2,
  status: 'succeeded',
  attempt_count: 2,
  next_attempt_at: null,
  created_at: '2026-03-13T17:00:00Z',
  updated_at: '2026-03-13T17:00:31Z',
  attempts: [
    {
      attempt: 1,
      started_at: '2026-03-13T17:00:00Z',
      status_code: 503,
      latency_ms: 212,
      response_excerpt: 'Service Unavailable',
      error: null,
      succeeded: false,
    },
    {
      attempt: 2,
      started_at: '2026-03-13T17:00:30Z',
      status_code: 200,
      latency_ms: 48,
      response_excerpt: '{"received":true}',
      error: null,
      succeeded: true,
    },
  ],
};

export const exampleAnalyticsSummary: AnalyticsSummary = {
  generated_at: '2026-03-13T18:00:00Z',
  since: null,
  users: { total: 128 },
  sessions: { total: 940, active: 87 },
  payments: {
    total: 310,
    by_status: { processing: 2, succeeded: 291, failed: 17 },
    volume: [{ currency: 'USD', amount: 1_455_300 }],
  },
  subscriptions: {
    total: 64,
    by_status: { trialing: 0, incomplete: 0, active: 58, past_due: 1, cancelled: 5 },
  },
  events: {
    total: 1712,
    by_type: { 'user.created': 128, 'user.login': 940, 'payment.succeeded': 291 },
  },
  webhook_endpoints: { enabled: 2, disabled: 1 },
  deliveries: {
    total: 3410,
    by_status: { pending: 3, succeeded: 3391, failed: 4, dead: 12 },
    success_rate: 0.9953,
  },
};

/** Builds a one-page list example. */
export function examplePage<T extends { id: string }>(data: T[], hasMore = false) {
  return { data, has_more: hasMore, next_cursor: data.at(-1)?.id ?? null };
}
