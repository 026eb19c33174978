import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnyEvent,
  castEvent,
  downcast,
  type EventOf,
  getEventDefinition,
  isHooklineEventError,
  upcast,
} from '../src/index.js';
import { fixtureName, readFixture } from './fixtures.js';

const id = fc.stringMatching(/^evt_[A-Za-z0-9]{1,26}$/);
const timestamp = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2040-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const ipAddress = fc.oneof(
  fc.ipV4(),
  fc.constantFrom('2001:db8::1', '::1', 'fe80::1ff:fe23:4567:890a'),
);
const userAgent = fc.string({ minLength: 1, maxLength: 200 });
const suffix = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);

const loginV1: fc.Arbitrary<EventOf<'user.login', 1>> = fc.record({
  id,
  event: fc.constant('user.login' as const),
  version: fc.constant(1 as const),
  timestamp,
  resource_id: suffix.map((s) => `usr_${s}`),
  metadata: fc.record({ ip_address: ipAddress, user_agent: userAgent }),
});

const paymentV1: fc.Arbitrary<EventOf<'payment.succeeded', 1>> = fc.record({
  id,
  event: fc.constant('payment.succeeded' as const),
  version: fc.constant(1 as const),
  timestamp,
  resource_id: suffix.map((s) => `pay_${s}`),
  metadata: fc.record({
    amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'GBP', 'CHF'),
    customer_id: suffix.map((s) => `cus_${s}`),
    payment_method: fc.constantFrom(
      'card',
      'sepa_debit',
      'us_bank_account',
      'paypal',
      'apple_pay',
      'google_pay',
      'link',
    ),
    card_brand: fc.option(fc.constantFrom('visa', 'mastercard', 'amex', 'unknown'), { nil: null }),
    card_last4: fc.option(fc.stringMatching(/^\d{4}$/), { nil: null }),
    receipt_email: fc.option(fc.constantFrom('ada@example.com', 'billing+eu@shop.example'), {
      nil: null,
    }),
    invoice_id: fc.option(
      suffix.map((s) => `inv_${s}`),
      { nil: null },
    ),
  }),
});

/** Checks an event against its own version's contract. */
function expectValid(event: AnyEvent): void {
  const definition = getEventDefinition(event.event, event.version);
  const result = definition?.schema.safeParse(event);
  expect(result?.success, JSON.stringify(result?.error?.issues)).toBe(true);
}

describe('castEvent on user.login', () => {
  it('upcasts every valid v1 to a valid v2 and down again to exactly the v1', () => {
    fc.assert(
      fc.property(loginV1, (v1) => {
        expectValid(v1);
        const v2 = castEvent(v1, 2);
        expectValid(v2);
        expect(v2.metadata.client).toEqual(v1.metadata);
        expect(v2.metadata.method).toBe('unknown');
        expect(castEvent(v2, 1)).toEqual(v1);
      }),
    );
  });

  it('keeps the envelope (id, timestamp, resource_id) and only changes version and metadata', () => {
    const v2 = readFixture(fixtureName('user.login', 2)) as EventOf<'user.login', 2>;
    const v1 = castEvent(v2, 1);
    expect(v1).toEqual({
      id: v2.id,
      event: 'user.login',
      version: 1,
      timestamp: v2.timestamp,
      resource_id: v2.resource_id,
      metadata: {
        ip_address: v2.metadata.client.ip_address,
        user_agent: v2.metadata.client.user_agent,
      },
    });
    expectValid(v1);
  });

  it('documents what down drops: v2 -> v1 -> v2 keeps the client and resets the rest to defaults', () => {
    const v2 = readFixture(fixtureName('user.login', 2)) as EventOf<'user.login', 2>;
    expect(castEvent(castEvent(v2, 1), 2).metadata).toEqual({
      client: v2.metadata.client,
      method: 'unknown',
      mfa: null,
      session_id: null,
    });
  });
});

describe('castEvent on payment.succeeded', () => {
  it('upcasts every valid v1 to a valid v2 and down again to exactly the v1', () => {
    fc.assert(
      fc.property(paymentV1, (v1) => {
        expectValid(v1);
        const v2 = castEvent(v1, 2);
        expectValid(v2);
        expect(v2.metadata.amount).toEqual({
          value: v1.metadata.amount,
          currency: v1.metadata.currency,
        });
        expect(v2.metadata.fee).toBeNull();
        expect(v2.metadata.statement_descriptor).toBeNull();
        expect(castEvent(v2, 1)).toEqual(v1);
      }),
    );
  });

  it('puts card details under payment_method.card, and null when v1 had none', () => {
    const sepa = readFixture(fixtureName('payment.succeeded', 1)) as EventOf<
      'payment.succeeded',
      1
    >;
    expect(castEvent(sepa, 2).metadata.payment_method).toEqual({ type: 'sepa_debit', card: null });
    const card = {
      ...sepa,
      metadata: {
        ...sepa.metadata,
        payment_method: 'card' as const,
        card_brand: 'amex' as const,
        card_last4: '0005',
      },
    };
    expect(castEvent(card, 2).metadata.payment_method).toEqual({
      type: 'card',
      card: { brand: 'amex', last4: '0005' },
    });
  });

  it('downcasts v2 to a valid v1, dropping only fee and statement_descriptor', () => {
    const v2 = readFixture(fixtureName('payment.succeeded', 2)) as EventOf<'payment.succeeded', 2>;
    const v1 = downcast(v2, 1);
    expectValid(v1);
    expect(v1.metadata).toEqual({
      amount: 1500,
      currency: 'JPY',
      customer_id: 'cus_J7wK3nB5xH',
      payment_method: 'apple_pay',
      card_brand: 'mastercard',
      card_last4: '4444',
      receipt_email: null,
      invoice_id: null,
    });
    expect(upcast(v1).metadata).toEqual({ ...v2.metadata, fee: null, statement_descriptor: null });
  });
});

describe('castEvent in general', () => {
  it('does not modify its input', () => {
    fc.assert(
      fc.property(paymentV1, (v1) => {
        const before = structuredClone(v1);
        castEvent(castEvent(v1, 2), 1);
        expect(v1).toEqual(before);
      }),
      { numRuns: 20 },
    );
  });

  it('returns the event itself when it is already at the requested version', () => {
    const v1 = readFixture(fixtureName('user.created', 1)) as EventOf<'user.created', 1>;
    expect(castEvent(v1, 1)).toBe(v1);
    expect(upcast(v1)).toBe(v1);
  });

  it('upcast goes to the latest version', () => {
    const v1 = readFixture(fixtureName('user.login', 1)) as EventOf<'user.login', 1>;
    expect(upcast(v1).version).toBe(2);
  });

  it('fails with cast_unavailable for a version that does not exist, or downcast asked to go up', () => {
    const v1 = readFixture(fixtureName('user.login', 1)) as EventOf<'user.login', 1>;
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isHooklineEventError(error) ? [error.code, error.status] : ['not ours'];
      }
      return ['no error'];
    };
    expect(codeOf(() => castEvent(v1, 3 as 2))).toEqual(['cast_unavailable', 500]);
    expect(codeOf(() => castEvent(v1, 0 as 1))).toEqual(['cast_unavailable', 500]);
    expect(codeOf(() => downcast(v1, 2))).toEqual(['cast_unavailable', 500]);
  });
});
