import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createTypedClient, poll } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { components, paths } from './support/test-paths.js';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
});
afterEach(() => server.close());

describe('paginate', () => {
  it('walks every page with starting_after = next_cursor', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const ids: string[] = [];
    for await (const payment of c.paginate('/v1/payments', { params: { query: { limit: 3 } } })) {
      expectTypeOf(payment).toEqualTypeOf<components['schemas']['Payment']>();
      ids.push(payment.id);
    }
    expect(ids).toEqual(['pay_1', 'pay_2', 'pay_3', 'pay_4', 'pay_5', 'pay_6', 'pay_7']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/payments?limit=3',
      '/v1/payments?limit=3&starting_after=pay_3',
      '/v1/payments?limit=3&starting_after=pay_6',
    ]);
  });

  it('stops at the item limit without fetching further pages', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const ids: string[] = [];
    const pages = c.paginate('/v1/payments', { params: { query: { limit: 2 } } }, { limit: 3 });
    for await (const payment of pages) ids.push(payment.id);
    expect(ids).toEqual(['pay_1', 'pay_2', 'pay_3']);
    expect(server.requests).toHaveLength(2);
  });

  it('starts after the cursor given in the query', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const ids: string[] = [];
    const pages = c.paginate('/v1/payments', { params: { query: { starting_after: 'pay_5' } } });
    for await (const payment of pages) ids.push(payment.id);
    expect(ids).toEqual(['pay_6', 'pay_7']);
  });

  it('throws HooklineApiError when a page fails', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: { maxRetries: 0 } });
    server.faults.push(
      { kind: 'delay', ms: 0 },
      {
        kind: 'answer',
        status: 429,
        body: { status: 429, title: 'Slow down', code: 'rate_limited' },
      },
    );
    const seen: string[] = [];
    const walk = async () => {
      for await (const p of c.paginate('/v1/payments', { params: { query: { limit: 4 } } }))
        seen.push(p.id);
    };
    await expect(walk()).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
    expect(seen).toHaveLength(4);
  });

  /** A list page with the given items (by id), has_more and next_cursor. */
  const page = (ids: string[], hasMore: boolean, nextCursor?: string | null) => ({
    kind: 'answer' as const,
    status: 200,
    body: {
      data: ids.map((id) => ({ id, amount: 1, currency: 'eur', status: 'succeeded' })),
      has_more: hasMore,
      ...(nextCursor === undefined ? {} : { next_cursor: nextCursor }),
    },
  });
  const walkAll = async (seen: string[]) => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    for await (const p of c.paginate('/v1/payments')) seen.push(p.id);
  };

  // Each case answers from faults, then the real route takes over: the old code, which did not
  // notice, went on to the route's pages (or stopped) instead of failing.
  it.each([
    {
      name: 'next_cursor is the cursor just used',
      pages: [page(['pay_1'], true, 'pay_1'), page(['pay_1'], true, 'pay_1')],
      requests: 2,
      message: 'the page after cursor "pay_1" with has_more: true but next_cursor "pay_1"',
    },
    {
      name: 'next_cursor goes back to an earlier cursor (a cycle)',
      pages: [
        page(['pay_1'], true, 'pay_1'),
        page(['pay_2'], true, 'pay_2'),
        page(['pay_1'], true, 'pay_1'),
      ],
      requests: 3,
      message: 'the page after cursor "pay_2" with has_more: true but next_cursor "pay_1"',
    },
    {
      name: 'an empty page says has_more',
      pages: [page([], true, 'pay_3')],
      requests: 1,
      message: 'the first page with has_more: true but no items',
    },
    {
      name: 'has_more comes with next_cursor null',
      pages: [page(['pay_1'], true, null)],
      requests: 1,
      message: 'the first page with has_more: true but next_cursor null',
    },
    {
      name: 'has_more comes without next_cursor',
      pages: [page(['pay_1'], true)],
      requests: 1,
      message: 'the first page with has_more: true but next_cursor undefined',
    },
  ])('throws invalid_response instead of paging forever when $name', async (broken) => {
    server.faults.push(...broken.pages);
    const seen: string[] = [];
    const error = await walkAll(seen).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'HooklineApiError', code: 'invalid_response' });
    expect((error as Error).message).toContain(broken.message);
    expect((error as Error).message).toContain('report this cursor');
    expect(server.requests).toHaveLength(broken.requests);
    // Items of the pages before the broken one were yielded.
    expect(seen).toEqual(broken.pages.flatMap((p) => p.body.data.map((d) => d.id)));
  });

  it('a last page without next_cursor ends the walk normally', async () => {
    server.faults.push(page(['pay_1'], true, 'pay_1'), page(['pay_2'], false, null));
    const seen: string[] = [];
    await walkAll(seen);
    expect(seen).toEqual(['pay_1', 'pay_2']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/payments',
      '/v1/payments?starting_after=pay_1',
    ]);
  });
});

describe('poll', () => {
  /** A fake clock advanced by the injected sleep: deterministic, no wall-clock waits. */
  function fakeTime() {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    };
  }

  it('polls until the condition holds, with backoff capped at maxIntervalMs, and counts requests', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const time = fakeTime();
    // The payment's description becomes "done" on the server during the 4th read.
    let reads = 0;
    const outcome = await poll(
      async () => {
        reads++;
        if (reads === 4)
          await c.PATCH('/v1/payments/{payment_id}', {
            params: { path: { payment_id: 'pay_1' } },
            body: { description: 'done' },
          });
        return c.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_1' } } });
      },
      (r) => r.ok && r.data.description === 'done',
      { intervalMs: 100, backoff: 2, maxIntervalMs: 300, timeoutMs: 10_000, ...time },
    );
    expect(outcome.requests).toBe(4);
    expect(outcome.result.ok && outcome.result.data.id).toBe('pay_1');
    expect(time.waits).toEqual([100, 200, 300]);
    expect(outcome.elapsedMs).toBe(600);
  });

  it('rejects with poll_timeout when the deadline passes first', async () => {
    const time = fakeTime();
    let requests = 0;
    const pending = poll(
      async () => ++requests,
      () => false,
      { intervalMs: 1000, timeoutMs: 3500, ...time },
    );
    await expect(pending).rejects.toMatchObject({ code: 'poll_timeout' });
    expect(requests).toBe(4);
    expect(time.waits).toEqual([1000, 1000, 1000]);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = poll(
      async () => 1,
      () => false,
      {
        intervalMs: 10,
        signal: controller.signal,
        sleep: async () => controller.abort(),
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('makes no request when its signal is already aborted', async () => {
    let requests = 0;
    const pending = poll(
      async () => ++requests,
      () => false,
      { signal: AbortSignal.abort(), sleep: async () => {} },
    );
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(requests).toBe(0);
  });

  it('an abort during a request ends poll at once, and the request gets the signal to cancel', async () => {
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    const pending = poll(
      ({ signal }) => {
        received = signal;
        controller.abort();
        return new Promise<number>(() => {}); // a request that never settles
      },
      () => false,
      { signal: controller.signal, sleep: async () => {} },
    );
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(received).toBe(controller.signal);
  });

  it('an abort while the condition is being checked ends poll at once', async () => {
    const controller = new AbortController();
    const pending = poll(
      async () => 1,
      () => {
        controller.abort();
        return new Promise<boolean>(() => {});
      },
      { signal: controller.signal, sleep: async () => {} },
    );
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('passes the signal on to a real request, which the client then cancels', async () => {
    server.faults.push({ kind: 'delay', ms: 2000 });
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const controller = new AbortController();
    const pending = poll(
      ({ signal }) => c.GET('/v1/payments', { signal }),
      () => false,
      { signal: controller.signal, sleep: async () => {} },
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });
});
