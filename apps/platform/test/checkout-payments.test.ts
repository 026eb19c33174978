import { describe, expect, it } from 'vitest';
import { type Json, useTestPlatform } from './support/test-platform.js';

const platform = useTestPlatform();

const goodCard = { number: '4242424242424242', exp_month: 12, exp_year: 2031, cvc: '123' };
const declinedCard = { ...goodCard, number: '4000000000000002' };

const createCheckout = async (body: Json) => {
  const created = await platform.api<Json>('POST', '/v1/checkout/sessions', {
    body: { amount: 1999, currency: 'USD', success_url: 'https://shop.example.com/ok', ...body },
  });
  expect(created.status).toBe(201);
  return created.body;
};

const completedEvent = async (checkoutId: string) => {
  const events = await platform.api<Json>(
    'GET',
    `/v1/events?type=checkout.completed&resource_id=${checkoutId}`,
  );
  return events.body.data[0] as Json | undefined;
};

describe('the line item of checkout.completed', () => {
  it('a checkout whose metadata.description is empty or blank can be paid; the line item gets a non-empty description', async () => {
    for (const description of ['', '   ']) {
      const checkout = await createCheckout({
        customer_email: 'blank@example.com',
        metadata: { description },
      });
      const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.id}/pay`, {
        body: { card: goodCard },
      });
      expect(paid.status).toBe(200);
      expect(paid.body.checkout_session.status).toBe('complete');
      const event = await completedEvent(checkout.id);
      expect(event?.metadata.line_items[0].description).toBe(`Checkout ${checkout.id}`);
    }
  });

  it('a description is trimmed', async () => {
    const checkout = await createCheckout({
      customer_email: 'long@example.com',
      metadata: { description: `  ${'d'.repeat(495)}é  ` },
    });
    const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.id}/pay`, {
      body: { card: goodCard },
    });
    expect(paid.status).toBe(200);
    const event = await completedEvent(checkout.id);
    expect(event?.metadata.line_items[0].description).toBe(`${'d'.repeat(495)}é`);
  });
});

describe('guest checkouts', () => {
  it('every payment attempt of a guest checkout has the same customer id, and the completed checkout has it too', async () => {
    const checkout = await createCheckout({ customer_email: 'guest@example.com' });
    const declined = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.id}/pay`, {
      body: { card: declinedCard },
    });
    expect(declined.body.payment.status).toBe('failed');
    // The document: customer_id is set once the checkout completes.
    expect(declined.body.checkout_session.customer_id).toBeNull();
    const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.id}/pay`, {
      body: { card: goodCard },
    });
    expect(paid.body.payment.status).toBe('succeeded');
    const customerId = declined.body.payment.customer_id;
    expect(customerId).toMatch(/^cus_/);
    expect(paid.body.payment.customer_id).toBe(customerId);
    expect(paid.body.checkout_session.customer_id).toBe(customerId);
    const failedEvent = await platform.api<Json>(
      'GET',
      `/v1/events?resource_id=${declined.body.payment.id}`,
    );
    const succeededEvent = await platform.api<Json>(
      'GET',
      `/v1/events?resource_id=${paid.body.payment.id}`,
    );
    expect(failedEvent.body.data[0].metadata.customer_id).toBe(customerId);
    expect(succeededEvent.body.data[0].metadata.customer_id).toBe(customerId);
    expect((await completedEvent(checkout.id))?.metadata.customer_id).toBe(customerId);
  });
});

describe('checkouts of a deleted user', () => {
  it('deleting a user expires their open checkouts: paying one is a 409 that says the user was deleted, and creates nothing', async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'leaving@example.com', password: 'long enough' },
    });
    const payment = await createCheckout({ user_id: user.body.id });
    const subscription = await createCheckout({
      user_id: user.body.id,
      mode: 'subscription',
      plan_id: 'plan_pro',
      interval: 'month',
    });
    expect((await platform.api('DELETE', `/v1/users/${user.body.id}`)).status).toBe(200);
    for (const checkout of [payment, subscription]) {
      const read = await platform.api<Json>('GET', `/v1/checkout/sessions/${checkout.id}`);
      expect(read.body.status).toBe('expired');
      const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.id}/pay`, {
        body: { card: goodCard },
      });
      expect(paid.status).toBe(409);
      expect(paid.body.code).toBe('conflict');
      expect(paid.body.detail).toContain(`user ${user.body.id}`);
      expect(paid.body.detail).toContain('deleted');
      const payments = await platform.api<Json>('GET', '/v1/payments?limit=100');
      expect(payments.body.data.filter((p: Json) => p.checkout_session_id === checkout.id)).toEqual(
        [],
      );
    }
  });
});
