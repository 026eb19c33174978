import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from './support/backends.js';
import { type Json, startTestPlatform } from './support/test-platform.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeEach(async () => {
  platform = await startTestPlatform();
});
afterEach(async () => {
  await platform?.stop();
});

/** Makes every insert into `table` of the platform's SQLite file fail, as a broken disk would. */
async function failInserts(table: string) {
  const db = sqliteBackend.open(platform.databasePath);
  try {
    await db.exec(sqliteBackend.failInserts(table));
  } finally {
    await db.close();
  }
}

async function countRows(table: string): Promise<number> {
  const db = sqliteBackend.open(platform.databasePath);
  try {
    return await db.count(table);
  } finally {
    await db.close();
  }
}

const create = () =>
  platform.api<Json>('POST', '/v1/webhook_endpoints', {
    body: { url: 'http://127.0.0.1:9/webhooks', enabled_events: ['*'] },
  });

describe('creating a webhook endpoint is all or nothing', () => {
  it('when the API row cannot be written, the dispatcher gets no endpoint that would receive deliveries nobody sees', async () => {
    await failInserts('platform_webhook_endpoints');
    const response = await create();
    expect(response.status).toBe(500);
    expect(await platform.dispatcher.listEndpoints()).toEqual([]);
    const listed = await platform.api<Json>('GET', '/v1/webhook_endpoints');
    expect(listed.body.data).toEqual([]);
  });

  it('when the dispatcher cannot store the endpoint, the API row written before it is removed again', async () => {
    await failInserts('hookline_endpoints');
    const response = await create();
    expect(response.status).toBe(500);
    expect(await platform.dispatcher.listEndpoints()).toEqual([]);
    expect(await countRows('platform_webhook_endpoints')).toBe(0);
  });

  it('an endpoint URL the dispatcher refuses leaves no API row behind', async () => {
    const response = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: 'ftp://127.0.0.1/webhooks', enabled_events: ['*'] },
    });
    expect(response.status).toBe(400);
    expect(await countRows('platform_webhook_endpoints')).toBe(0);
  });

  it('a created endpoint is visible and updatable (the update reads only the API row)', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    expect(await countRows('platform_webhook_endpoints')).toBe(1);
    const updated = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${created.body.id}`, {
      body: { description: 'renamed', metadata: { team: 'billing' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: created.body.id,
      description: 'renamed',
      metadata: { team: 'billing' },
      url: 'http://127.0.0.1:9/webhooks',
    });
    const id: string = created.body.id;
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    const missing = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${otherId}`, {
      body: { description: 'x' },
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
    // Gone from the dispatcher but not (yet) from the API's table: still a 404.
    await platform.dispatcher.deleteEndpoint(id);
    const gone = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${id}`, {
      body: { description: 'x' },
    });
    expect(gone).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
