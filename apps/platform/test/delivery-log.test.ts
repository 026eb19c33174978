import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Json, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
const sinks: WebhookSink[] = [];
/** Receives user.created; answers 500 for the users whose email starts with `fail`. */
let picky: Json;
/** Receives user.created too and always answers 200, so its deliveries sit between picky's. */
let other: Json;
/** picky's user.created events, oldest first, with the user's email. */
const created: { eventId: string; email: string }[] = [];

const ids = (page: { body: Json }) => (page.body.data as Json[]).map((d) => d.id as string);
const log = (endpoint: Json, query = '') =>
  platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}/deliveries${query}`);

async function endpoint(respond: (body: string) => number): Promise<Json> {
  const sink = await startWebhookSink((hook) => respond(hook.body));
  sinks.push(sink);
  const made = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
    body: { url: sink.url, enabled_events: ['user.created'] },
  });
  expect(made.status).toBe(201);
  return made.body;
}

/** Every delivery of `of`, once none is pending any more. */
const finished = (of: Json) =>
  eventually(async () => {
    const page = await log(of, '?limit=100');
    const data = page.body.data as Json[];
    return data.length === created.length && data.every((d) => d.status !== 'pending')
      ? data
      : undefined;
  }, `every delivery of ${of.id} to finish`);

beforeAll(async () => {
  platform = await startTestPlatform();
  picky = await endpoint((body) => (body.includes('"email":"fail') ? 500 : 200));
  other = await endpoint(() => 200);
  for (const email of ['ok1', 'fail1', 'ok2', 'ok3', 'fail2'].map((n) => `${n}@example.com`)) {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email, password: 'long enough' },
    });
    expect(user.status).toBe(201);
  }
  const events = await platform.api<Json>('GET', '/v1/events?type=user.created&limit=100');
  for (const event of events.body.data as Json[]) {
    created.push({ eventId: event.id, email: event.metadata.email });
  }
  expect(created.map((c) => c.email.split('@')[0])).toEqual([
    'ok1',
    'fail1',
    'ok2',
    'ok3',
    'fail2',
  ]);
  await finished(picky);
  await finished(other);
});
afterAll(async () => {
  await platform?.stop();
  await Promise.all(sinks.map((sink) => sink.close()));
});

describe("an endpoint's delivery log", () => {
  it('lists every delivery oldest first, each with the attempts GET /v1/deliveries/{id} shows', async () => {
    const all = (await log(picky, '?limit=100')).body as Json;
    expect(all.has_more).toBe(false);
    expect(all.data.map((d: Json) => d.event_id)).toEqual(created.map((c) => c.eventId));
    expect(all.data.map((d: Json) => d.status)).toEqual([
      'succeeded',
      'dead',
      'succeeded',
      'succeeded',
      'dead',
    ]);
    for (const delivery of all.data as Json[]) {
      expect(delivery.endpoint_id).toBe(picky.id);
      expect(delivery.attempts).toHaveLength(delivery.status === 'dead' ? 3 : 1);
      expect(delivery.attempt_count).toBe(delivery.attempts.length);
      expect((await platform.api<Json>('GET', `/v1/deliveries/${delivery.id}`)).body).toEqual(
        delivery,
      );
    }
  });

  it('pages with limit and starting_after, and says when no page follows', async () => {
    const all = ids(await log(picky, '?limit=100'));
    const first = await log(picky, '?limit=2');
    expect(first.body).toMatchObject({ has_more: true, next_cursor: all[1] });
    expect(ids(first)).toEqual(all.slice(0, 2));
    const second = await log(picky, `?limit=2&starting_after=${first.body.next_cursor}`);
    expect(second.body).toMatchObject({ has_more: true, next_cursor: all[3] });
    expect(ids(second)).toEqual(all.slice(2, 4));
    const last = await log(picky, `?limit=2&starting_after=${second.body.next_cursor}`);
    expect(last.body).toMatchObject({ has_more: false, next_cursor: all[4] });
    expect(ids(last)).toEqual(all.slice(4));
    expect((await log(picky, `?starting_after=${all[4]}`)).body).toEqual({
      data: [],
      has_more: false,
      next_cursor: null,
    });
    // An unknown cursor (a typo, another platform's id) is an error, not an empty last page.
    const unknown = await log(picky, '?starting_after=dlv_unknown');
    expect(unknown).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(unknown.body.errors).toEqual([
      { path: 'query.starting_after', message: expect.stringContaining('next_cursor') },
    ]);
    // Also where the status filter alone rules every delivery out (failed: picky is enabled).
    const unknownFiltered = await log(picky, '?status=failed&starting_after=dlv_unknown');
    expect(unknownFiltered).toMatchObject({
      status: 400,
      body: { code: 'invalid_request', errors: unknown.body.errors },
    });
    expect((await log(picky, `?status=failed&starting_after=${all[0]}`)).body).toEqual({
      data: [],
      has_more: false,
      next_cursor: null,
    });
  });

  it('filters by event and status, continuing after a cursor the filter leaves out', async () => {
    const all = (await log(picky, '?limit=100')).body.data as Json[];
    const byStatus = (status: string) => all.filter((d) => d.status === status).map((d) => d.id);
    expect(ids(await log(picky, '?status=succeeded'))).toEqual(byStatus('succeeded'));
    expect(ids(await log(picky, '?status=dead'))).toEqual(byStatus('dead'));
    expect(ids(await log(picky, '?status=failed'))).toEqual([]);
    expect(ids(await log(picky, '?status=pending'))).toEqual([]);

    // After fail1 (dead), the next succeeded delivery is ok2's.
    const afterDead = await log(picky, `?status=succeeded&limit=1&starting_after=${all[1]!.id}`);
    expect(ids(afterDead)).toEqual([all[2]!.id]);
    expect(afterDead.body.has_more).toBe(true);
    // A cursor of another endpoint's delivery is a place in time too.
    const others = (await log(other, '?limit=100')).body.data as Json[];
    expect(ids(await log(picky, `?starting_after=${others[2]!.id}`))).toEqual(
      all.slice(3).map((d) => d.id),
    );

    const ok3 = created[3]!.eventId;
    expect(ids(await log(picky, `?event_id=${ok3}`))).toEqual([all[3]!.id]);
    expect(ids(await log(picky, `?event_id=${ok3}&starting_after=${all[0]!.id}`))).toEqual([
      all[3]!.id,
    ]);
    expect(ids(await log(picky, `?event_id=${ok3}&starting_after=${all[3]!.id}`))).toEqual([]);
    expect(ids(await log(picky, `?event_id=${ok3}&status=dead`))).toEqual([]);
  });

  it('counts deliveries in the analytics summary; a dead letter becomes failed once its endpoint is disabled', async () => {
    const summary = async (query = '') =>
      (await platform.api<Json>('GET', `/v1/analytics/summary${query}`)).body.deliveries;
    expect(await summary()).toEqual({
      total: 10,
      by_status: { pending: 0, succeeded: 8, failed: 0, dead: 2 },
      success_rate: 0.8,
    });
    expect(await summary('?since=2999-01-01T00:00:00Z')).toEqual({
      total: 0,
      by_status: { pending: 0, succeeded: 0, failed: 0, dead: 0 },
      success_rate: null,
    });

    const dead = ids(await log(picky, '?status=dead'));
    const patched = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${picky.id}`, {
      body: { disabled: true },
    });
    expect(patched.body.status).toBe('disabled');
    expect(ids(await log(picky, '?status=failed'))).toEqual(dead);
    expect(ids(await log(picky, '?status=dead'))).toEqual([]);
    expect(await summary()).toEqual({
      total: 10,
      by_status: { pending: 0, succeeded: 8, failed: 2, dead: 0 },
      success_rate: 0.8,
    });
  });
});
