import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createReceiver, type LogFields, type ReceiverLogger } from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { OLD_SECRET, SECRET, signedHeaders, signedRequest } from './support/sign.js';

describe('secrets never leak', () => {
  it('keeps the secret out of every log line, response body and dead letter across failing cases', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (message: string, fields?: LogFields) => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
    const logger: ReceiverLogger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    let now = Date.now();
    const receiver = createReceiver({
      secret: [SECRET, OLD_SECRET],
      logger,
      now: () => now,
      retry: { attempts: 1 },
      allowIps: ['127.0.0.1'],
    });
    receiver.on('user.created', () => {
      // A careless handler that puts the secret into its error.
      throw new Error(`rejected, secret was ${SECRET} / ${OLD_SECRET}`);
    });
    const bodies: string[] = [];
    const send = async (request: Request, remoteAddress = '127.0.0.1') => {
      const response = await receiver.fetch(request, { remoteAddress });
      bodies.push(await response.text());
      return response.status;
    };
    const event = exampleEvent('user.created', 1);
    const text = JSON.stringify(event);
    const statuses = [
      await send(await signedRequest(event, { secret: 'whsec_d3JvbmctbG9va2luZy1zZWNyZXQ=' })),
      await send(await signedRequest(event, { timestamp: Math.floor(now / 1000) - 9_999 })),
      await send(
        new Request('http://x', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        }),
      ),
      await send(await signedRequest(event), '192.0.2.1'),
      await send(
        new Request('http://x', {
          method: 'POST',
          headers: await signedHeaders('{oops', { id: 'evt_x' }),
          body: '{oops',
        }),
      ),
      await send(await signedRequest(event, { timestamp: Math.floor(now / 1000) })),
    ];
    expect(statuses).toEqual([401, 401, 401, 403, 400, 200]);
    await receiver.drain();
    now += 1;
    const dead = await receiver.deadLetters();
    expect(dead).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((line) => line.includes('[redacted]'))).toBe(true);
    const everything = [...lines, ...bodies, JSON.stringify(dead)].join('\n');
    for (const secret of [SECRET, OLD_SECRET]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice('whsec_'.length));
    }
  });

  it.each([
    ['a Hookline receiver', {}],
    ['a provider receiver', { parse: 'provider' as const }],
  ])(
    '%s keeps a body that is not JSON out of its logs, its answer and onError',
    async (_kind, options) => {
      const lines: string[] = [];
      const capture = (message: string, fields?: LogFields) => {
        lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
      };
      const reported: unknown[] = [];
      const receiver = createReceiver({
        secret: SECRET,
        ...options,
        logger: { debug: capture, info: capture, warn: capture, error: capture },
      });
      receiver.onError((error) => {
        reported.push(error);
      });
      // A sender's broken body that carries a customer's token.
      const body = '{"card": tok_live_s3cret}';
      const response = await receiver.fetch(
        new Request('http://x', {
          method: 'POST',
          headers: await signedHeaders(body, { id: 'evt_broken' }),
          body,
        }),
      );
      expect(response.status).toBe(400);
      const everything = [
        ...lines,
        await response.text(),
        inspect(reported, { depth: Number.POSITIVE_INFINITY }),
      ].join('\n');
      expect(everything).toContain('invalid_json');
      expect(everything).not.toContain('tok_live');
    },
  );
});
