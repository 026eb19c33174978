import { inspect } from 'node:util';
import { generateEd25519KeyPair, generateSecret, verifyWebhook } from '@hookline/signature';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, createMemoryStore, type Dispatcher } from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

/** Everything an error carries, hidden properties and the whole cause chain included. */
const everything = (error: unknown) =>
  `${inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })}\n${JSON.stringify(error)}`;

async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// Each passes the old shape check (prefix + 8 base64-ish characters) but cannot sign.
const unusable = [
  // 12 base64 characters: a 9-byte seed; Ed25519 needs 32.
  { secret: 'whsk_AAAAAAAAAAAA', problem: /9 bytes.*32/ },
  // 9 base64 characters cannot be base64 (a dangling character).
  { secret: 'whsec_QUJDREVGR', problem: /not valid base64/ },
  // URL-safe base64 is not what the signature package decodes.
  { secret: 'whsec_c2VjcmV0-c2VjcmV0_', problem: /not valid base64/ },
];

describe('endpoint secrets are checked with the signature package', () => {
  let dispatcher: Dispatcher | undefined;
  let receiver: TestReceiver | undefined;
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver?.close();
    dispatcher = undefined;
    receiver = undefined;
  });

  it('createEndpoint refuses a secret that cannot sign, saying why without quoting it', async () => {
    dispatcher = createDispatcher({ store: createMemoryStore() });
    for (const { secret, problem } of unusable) {
      const error = await thrown(() =>
        dispatcher!.createEndpoint({ url: 'https://hooks.example.com/x', secret }),
      );
      expect(error, secret).toMatchObject({ name: 'DispatcherError', code: 'invalid_endpoint' });
      expect((error as Error).message).toMatch(problem);
      expect((error as Error).message).toMatch(/omit it to have one generated/);
      expect(everything(error)).not.toContain(secret.slice(secret.indexOf('_') + 1));
    }
    expect(await dispatcher.listEndpoints()).toEqual([]);
  });

  it('rotateSecret refuses one too and keeps the endpoint signing with its current secret', async () => {
    const secret = generateSecret();
    receiver = await startReceiver([secret]);
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      timeoutMs: 2000,
    });
    const endpoint = await dispatcher.createEndpoint({ url: receiver.url, secret });
    for (const { secret: bad, problem } of unusable) {
      const error = await thrown(() => dispatcher!.rotateSecret(endpoint.id, { secret: bad }));
      expect(error, bad).toMatchObject({ code: 'invalid_endpoint' });
      expect((error as Error).message).toMatch(problem);
      expect(everything(error)).not.toContain(bad.slice(bad.indexOf('_') + 1));
    }
    expect((await dispatcher.getEndpoint(endpoint.id))?.secrets.map((s) => s.secret)).toEqual([
      secret,
    ]);
    await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    expect(receiver.received.map((r) => r.verified)).toEqual([true]);
  });

  it('still accepts the secrets that sign: generated whsec_ and a whsk_ Ed25519 seed', async () => {
    receiver = await startReceiver();
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      timeoutMs: 2000,
    });
    const { secretKey, publicKey } = await generateEd25519KeyPair();
    const endpoint = await dispatcher.createEndpoint({ url: receiver.url, secret: secretKey });
    await dispatcher.rotateSecret(endpoint.id, { secret: generateSecret() });
    await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    const [got] = receiver.received;
    const headers = { 'webhook-id': got!.id, 'webhook-timestamp': got!.timestamp };
    await expect(
      verifyWebhook(got!.body, { ...headers, 'webhook-signature': got!.signature }, publicKey),
    ).resolves.toMatchObject({ id: got!.id });
  });
});

describe('endpoint URL errors never carry the URL', () => {
  const password = 'pw-s3cr3t-7f1d';
  const token = 'tok-s3cr3t-9a2c';
  const dispatcher = createDispatcher({
    store: createMemoryStore(),
    allow: { http: true, loopback: true },
  });

  const cases = [
    // Each fails to parse; `new URL` keeps the raw input on its TypeError.
    {
      url: `https://user:${password}@hooks.example.com:99999/x?token=${token}`,
      why: /port is not a number from 0 to 65535/,
    },
    { url: `https://user:${password}@hooks example.com/x?token=${token}`, why: /host is not/ },
    { url: `https://user:${password}@/x?token=${token}`, why: /no host/ },
    { url: `hooks.example.com/x?token=${token}&p=${password}`, why: /no scheme/ },
    // Parses, but is refused for the credentials or the scheme.
    { url: `http://user:${password}@127.0.0.1/x?token=${token}`, why: /credentials/ },
    { url: `ftp://user:${password}@127.0.0.1/x?token=${token}`, why: /scheme ftp: / },
  ];

  for (const { url, why } of cases) {
    it(`says what is wrong (${why.source}) without the password or the token`, async () => {
      for (const attempt of [
        () => dispatcher.createEndpoint({ url }),
        async () => {
          const ep = await dispatcher.createEndpoint({ url: 'https://hooks.example.com/ok' });
          return dispatcher.updateEndpoint(ep.id, { url });
        },
      ]) {
        const error = await thrown(attempt);
        expect(error).toMatchObject({ name: 'DispatcherError', code: 'invalid_endpoint' });
        expect((error as Error).message).toMatch(why);
        const text = everything(error);
        expect(text).not.toContain(password);
        expect(text).not.toContain(token);
      }
    });
  }

  it('keeps a plain message for a value that is not a string', async () => {
    const error = await thrown(() => dispatcher.createEndpoint({ url: 42 as unknown as string }));
    expect(error).toMatchObject({ code: 'invalid_endpoint' });
    expect((error as Error).message).toMatch(/a number, not a string/);
  });
});
