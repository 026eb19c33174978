import { eventually, sinkFailures } from '@hookline/test-support';
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverLogger } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';
import { flakyClaims } from './support/worker-tools.js';

describe.each(sinkFailures)('a logger that $kind', ({ fail }) => {
  it('does not change an answer or stop handling: logging is best effort', async () => {
    const calls: string[] = [];
    const broken = (level: string) => () => {
      calls.push(level);
      return fail(`the ${level} sink`);
    };
    const logger: ReceiverLogger = {
      debug: broken('debug'),
      info: broken('info'),
      warn: broken('warn'),
      error: broken('error'),
    };
    const receiver = createReceiver({ secret: SECRET, logger, retry: { attempts: 1 } });
    const handled: string[] = [];
    receiver.on('user.created', (event) => {
      handled.push(event.id);
    });
    receiver.on('user.deleted', () => {
      throw new Error('handler failed');
    });

    const created = exampleEvent('user.created', 1);
    expect((await receiver.fetch(await signedRequest(created))).status).toBe(200);
    const forged = await signedRequest(exampleEvent('user.created', 1), {
      secret: 'whsec_d3JvbmctbG9va2luZy1zZWNyZXQ=',
    });
    expect((await receiver.fetch(forged)).status).toBe(401);
    const failing = exampleEvent('user.deleted', 1);
    expect((await receiver.fetch(await signedRequest(failing))).status).toBe(200);
    await receiver.drain();
    expect(handled).toEqual([created.id]);
    // The logger was asked, and its failures went nowhere.
    expect(calls.length).toBeGreaterThan(0);
  });

  it('does not stop the background worker when it reports a failed claim', async () => {
    const logged: string[] = [];
    const logger: ReceiverLogger = {
      error: (message) => {
        logged.push(message);
        return fail('the error sink');
      },
    };
    // The first two claims fail (and are logged); the third takes the entry.
    const { store } = flakyClaims((call) => call <= 2);
    const receiver = createReceiver({
      secret: SECRET,
      store,
      logger,
      worker: { pollIntervalMs: 10 },
    });
    const handled: string[] = [];
    receiver.on('user.created', (event) => {
      handled.push(event.id);
    });
    const event = exampleEvent('user.created', 1);
    expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
    receiver.start();
    await eventually(
      () => (handled.length === 1 ? true : undefined),
      'the entry to run after two failed, badly logged claims',
      5_000,
    );
    await receiver.stop();
    expect(logged.filter((m) => m.includes('could not claim'))).toHaveLength(2);
  });
});
