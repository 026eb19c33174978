import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  type Dispatcher,
  type DispatcherStore,
  type OperationalEvent,
} from '../src/index.js';
import { createSqliteStore, type SqliteDatabase } from '../src/sqlite/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';
import { tempDir } from './helpers/temp-dir.js';

describe('numeric options', () => {
  const store = createMemoryStore();
  it.each([
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: 0 }],
    // Node fires a timer longer than 2^31 - 1 ms after 1 ms: every attempt would time out.
    ['timeoutMs', { timeoutMs: 30 * 24 * 3600 * 1000 }],
    ['pollIntervalMs', { pollIntervalMs: 2 ** 31 }],
    ['concurrency', { concurrency: Number.NaN }],
    ['concurrency', { concurrency: 0 }],
    ['concurrency', { concurrency: 2.5 }],
    ['pollIntervalMs', { pollIntervalMs: Number.NaN }],
    ['maxPayloadBytes', { maxPayloadBytes: Number.POSITIVE_INFINITY }],
    ['disableAfterMs', { disableAfterMs: -1 }],
    ['secretGraceMs', { secretGraceMs: Number.NaN }],
    ['responseExcerptBytes', { responseExcerptBytes: -1 }],
    ['dnsCacheMs', { dnsCacheMs: Number.NaN }],
    ['maxRetryAfterMs', { schedule: { maxRetryAfterMs: Number.NaN } }],
    ['maxRetryAfterMs', { schedule: { maxRetryAfterMs: Number.POSITIVE_INFINITY } }],
  ])('refuses a %s that is not a usable number (%o)', (name, options) => {
    expect(() => createDispatcher({ store, ...options })).toThrow(
      expect.objectContaining({ name: 'RangeError', message: expect.stringContaining(name) }),
    );
  });

  it('refuses a lease no longer than the attempt timeout: another worker could send it meanwhile', () => {
    expect(() => createDispatcher({ store, timeoutMs: 60_000, leaseMs: 60_000 })).toThrow(
      /leaseMs \(60000\) must be longer than timeoutMs \(60000\)/,
    );
    expect(() => createDispatcher({ store, timeoutMs: 60_000 })).not.toThrow();
    expect(() => createDispatcher({ store, timeoutMs: 100, leaseMs: 150 })).not.toThrow();
  });
});

describe('an attempt', () => {
  let receiver: TestReceiver | undefined;
  let dispatcher: Dispatcher | undefined;
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver?.close();
  });

  it('has one deadline: resolving the host and the request share timeoutMs', async () => {
    receiver = await startReceiver();
    // Each step alone stays within the timeout; together they do not.
    receiver.respond = (_req, res) => {
      setTimeout(() => res.writeHead(200).end('late'), 250);
    };
    const port = receiver.port;
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      timeoutMs: 400,
      resolve: async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    await dispatcher.createEndpoint({ url: `http://hooks.test:${port}/` });
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    const [delivery] = await dispatcher.listDeliveries({ eventId: event.id });
    const [attempt] = await dispatcher.listAttempts(delivery!.id);
    expect(attempt).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('no response within'),
    });
  });
});

describe('an endpoint disabled while an attempt runs', () => {
  let receiver: TestReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
  });

  it.each([
    // A success stays one: no dead letter under it, no "lease lost".
    { answer: 200, status: 'succeeded', events: ['endpoint.disabled'] },
    // A failure takes no retry on a disabled endpoint: a dead letter, reported as one.
    { answer: 500, status: 'failed', events: ['endpoint.disabled', 'delivery.dead_lettered'] },
  ])('records its outcome when the receiver answers $answer: $status', async (expected) => {
    receiver = await startReceiver();
    let answer!: () => void;
    receiver.respond = (_req, res) => {
      answer = () => res.writeHead(expected.answer).end('-');
    };
    const warnings: string[] = [];
    const events: OperationalEvent[] = [];
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      logger: { warn: (message) => warnings.push(message) },
      onOperationalEvent: (event) => {
        events.push(event);
      },
    });
    const endpoint = await dispatcher.createEndpoint({ url: receiver.url });
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    const attempted = dispatcher.processDue();
    await receiver.waitFor(1);
    await dispatcher.disableEndpoint(endpoint.id);
    answer();
    expect(await attempted).toBe(1);
    const [delivery] = await dispatcher.listDeliveries({ eventId: event.id });
    expect(delivery).toMatchObject({ status: expected.status, lastStatusCode: expected.answer });
    expect(events.map((e) => e.type)).toEqual(expected.events);
    expect(warnings.filter((w) => w.includes('lease lost'))).toEqual([]);
  });
});

describe('start() and stop()', () => {
  it('a stop() while start() waits for the store leaves nothing running', async () => {
    const memory = createMemoryStore();
    let initDone!: () => void;
    const initGate = new Promise<void>((resolve) => {
      initDone = resolve;
    });
    let claims = 0;
    let subscribed = 0;
    const store: DispatcherStore<unknown> = {
      ...memory,
      init: async () => {
        await initGate;
        await memory.init();
      },
      claimDue: (input) => {
        claims++;
        return memory.claimDue(input);
      },
      subscribe: async () => {
        subscribed++;
        return async () => {
          subscribed--;
        };
      },
    };
    const dispatcher = createDispatcher({ store, pollIntervalMs: 5 });
    const started = dispatcher.start();
    const stopped = dispatcher.stop();
    initDone();
    await Promise.all([started, stopped]);
    const before = claims;
    // Twenty poll intervals: a worker left running would have claimed by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(claims).toBe(before);
    expect(subscribed).toBe(0);
  });

  it('stop() does not wait for a store that never answers start()', async () => {
    const memory = createMemoryStore();
    const store: DispatcherStore<unknown> = {
      ...memory,
      // An unreachable database with no connect timeout.
      init: () => new Promise<void>(() => {}),
    };
    const dispatcher = createDispatcher({ store, pollIntervalMs: 5 });
    void dispatcher.start();
    await dispatcher.stop();
  });

  it('a subscription that completes after stop() is released', async () => {
    const memory = createMemoryStore();
    let subscribedGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      subscribedGate = resolve;
    });
    let open = 0;
    const store: DispatcherStore<unknown> = {
      ...memory,
      subscribe: async () => {
        open++;
        await gate;
        return async () => {
          open--;
        };
      },
    };
    const dispatcher = createDispatcher({ store, pollIntervalMs: 5 });
    const started = dispatcher.start();
    await expect.poll(() => open).toBe(1);
    const stopped = dispatcher.stop();
    subscribedGate();
    await Promise.all([started, stopped]);
    expect(open).toBe(0);
  });
});

describe('publish({ tx }) and the endpoints seeded by ready()', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('is refused before ready() (SQLite writes at once; the event would reach no endpoint)', async () => {
    const path = join(dir.path, 'seeded.db');
    const store = createSqliteStore({ path });
    const dispatcher = createDispatcher({
      store,
      endpoints: [{ id: 'ep_seeded', url: 'https://hooks.example.com/a' }],
    });
    const app = new Database(path) as unknown as SqliteDatabase;
    try {
      app.exec('BEGIN IMMEDIATE');
      expect(() => dispatcher.publish(draftEvent('user.created'), { tx: app })).toThrow(
        expect.objectContaining({ code: 'not_ready', message: expect.stringContaining('ready()') }),
      );
      app.exec('ROLLBACK');
      await dispatcher.ready();
      app.exec('BEGIN IMMEDIATE');
      const published = await dispatcher.publish(draftEvent('user.created'), { tx: app });
      app.exec('COMMIT');
      expect(published.deliveries).toBe(1);
    } finally {
      app.close();
      await store.close();
    }
  });
});

describe('rotateSecret', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('refuses to hand out a secret a store did not keep (one that ignores a function patch)', async () => {
    const memory = createMemoryStore();
    const store: DispatcherStore<unknown> = {
      ...memory,
      // Written against the object-only form: a function patch changes nothing.
      updateEndpoint: (id, patch, now) =>
        memory.updateEndpoint(id, typeof patch === 'function' ? {} : patch, now),
    };
    const dispatcher = createDispatcher({ store });
    const endpoint = await dispatcher.createEndpoint({ url: 'https://hooks.example.com/a' });
    await expect(dispatcher.rotateSecret(endpoint.id)).rejects.toMatchObject({
      code: 'store_failed',
      message: expect.stringContaining('function'),
    });
  });

  it('two rotations at once both land: each caller’s new secret is stored', async () => {
    const store = createSqliteStore({ path: join(dir.path, 'rotate.db') });
    const dispatcher = createDispatcher({ store });
    try {
      const endpoint = await dispatcher.createEndpoint({ url: 'https://hooks.example.com/a' });
      const rotations = await Promise.all([
        dispatcher.rotateSecret(endpoint.id),
        dispatcher.rotateSecret(endpoint.id),
      ]);
      const stored = (await dispatcher.getEndpoint(endpoint.id))!.secrets.map((s) => s.secret);
      for (const { secret } of rotations) expect(stored).toContain(secret);
      expect(stored).toHaveLength(3);
      await expect(dispatcher.rotateSecret(endpoint.id, { graceMs: Number.NaN })).rejects.toThrow(
        /graceMs/,
      );
    } finally {
      await store.close();
    }
  });
});
