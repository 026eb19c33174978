import { sinkFailures } from '@hookline/test-support';
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverLogger } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';

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
});

describe.each(sinkFailures)('an onError listener that $kind', ({ fail }) => {
  it('changes no answer and is not left unhandled', async () => {
    const receiver = createReceiver({ secret: SECRET });
    receiver.onError(() => fail('the alerting hook'));
    receiver.on('user.created', () => {
      throw new Error('handler failed');
    });
    const forged = await signedRequest(exampleEvent('user.created', 1), {
      secret: 'whsec_d3JvbmctbG9va2luZy1zZWNyZXQ=',
    });
    expect((await receiver.fetch(forged)).status).toBe(401);
    expect(
      (await receiver.fetch(await signedRequest(exampleEvent('user.created', 1)))).status,
    ).toBe(200);
    await receiver.drain();
  });
});

describe('a logger whose methods change after createReceiver (pino on a level change)', () => {
  it('is asked with the methods it has at each call', async () => {
    const lines: string[] = [];
    const logger: ReceiverLogger = { info: () => {} };
    const receiver = createReceiver({ secret: SECRET, logger });
    receiver.on('user.created', () => {});
    logger.info = (message) => {
      lines.push(message);
    };
    expect(
      (await receiver.fetch(await signedRequest(exampleEvent('user.created', 1)))).status,
    ).toBe(200);
    expect(lines).toContain('event accepted');
  });
});
