import type { Answer, RecordedRequest } from './loopback-server.js';
import type { components } from './test-paths.js';

type Payment = components['schemas']['Payment'];

/** 7 payments pay_1..pay_7, served by a tiny in-memory API that mirrors test-paths.ts. */
export function paymentsRoute() {
  const payments: Payment[] = Array.from({ length: 7 }, (_, i) => ({
    id: `pay_${i + 1}`,
    amount: 100 * (i + 1),
    currency: 'eur',
    status: 'succeeded',
  }));
  const notFound = (id: string): Answer => ({
    status: 404,
    body: {
      type: 'https://hookline.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      detail: `No payment ${id}`,
      resource_id: id,
    },
    headers: { 'request-id': 'req_404' },
  });
  return (req: RecordedRequest): Answer => {
    const url = new URL(req.url, 'http://x');
    const match = /^\/v1\/payments\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/v1/payments' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const after = url.searchParams.get('starting_after');
      const start = after ? payments.findIndex((p) => p.id === after) + 1 : 0;
      const data = payments.slice(start, start + limit);
      const hasMore = start + limit < payments.length;
      return {
        status: 200,
        body: { data, has_more: hasMore, next_cursor: hasMore ? (data.at(-1)?.id ?? null) : null },
      };
    }
    if (url.pathname === '/v1/payments' && req.method === 'POST') {
      const input = JSON.parse(req.body) as components['schemas']['CreatePayment'];
      if (!(input.amount > 0))
        return {
          status: 422,
          body: { type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed' },
        };
      const payment: Payment = { id: `pay_${payments.length + 1}`, status: 'pending', ...input };
      payments.push(payment);
      return { status: 201, body: payment };
    }
    if (match) {
      const id = decodeURIComponent(match[1] ?? '');
      const payment = payments.find((p) => p.id === id);
      if (!payment) return notFound(id);
      if (req.method === 'GET') return { status: 200, body: payment };
      if (req.method === 'PATCH') {
        Object.assign(payment, JSON.parse(req.body || '{}'));
        return { status: 200, body: payment };
      }
      if (req.method === 'DELETE') {
        payments.splice(payments.indexOf(payment), 1);
        return { status: 204 };
      }
    }
    return { status: 405, body: { type: 'about:blank', title: 'Method not allowed', status: 405 } };
  };
}
