import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Receiver } from '../../src/index.js';
import { exampleEvent } from './events.js';
import { signedHeaders } from './sign.js';

/** Sends a real signed delivery over HTTP with fetch. */
export async function deliver(url: string, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(url, {
    method: 'POST',
    headers: { ...(await signedHeaders(text)), ...headers },
    body: text,
  });
}

/** Sends raw bytes with node:http so the test controls Content-Length exactly. */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return rawRequest(url, 'POST', headers, body).then(({ status, body }) => ({ status, body }));
}

/** Any method node:http can send (fetch refuses TRACE, CONNECT and TRACK). */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        data += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: data, headers: { ...res.headers } }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The checks every adapter must pass against its real server: a signed event is accepted and
 * handled once, a duplicate is acknowledged, a bad signature is 401, a wrong content type 415,
 * an oversized declared body 413, a GET 405, and the socket address reaches the allowlist.
 */
export async function checkAdapter(url: string, receiver: Receiver, handled: string[]) {
  const event = exampleEvent('payment.succeeded', 2);
  const accepted = await deliver(url, event);
  expect(accepted.status).toBe(200);
  expect(await accepted.json()).toEqual({ received: true });
  await receiver.drain();
  expect(handled).toEqual([event.id]);

  const duplicate = await deliver(url, event);
  expect(await duplicate.json()).toEqual({ received: true, duplicate: true });
  await receiver.drain();
  expect(handled).toEqual([event.id]);

  const text = JSON.stringify(exampleEvent('user.created', 1));
  const forged = await fetch(url, {
    method: 'POST',
    headers: await signedHeaders(text.replace('usr_', 'usr_x')),
    body: text,
  });
  expect(forged.status).toBe(401);
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe(
    'no_matching_signature',
  );

  const wrongType = await deliver(url, exampleEvent('user.created', 1), {
    'content-type': 'text/plain',
  });
  expect(wrongType.status).toBe(415);

  const big = await rawPost(
    url,
    { ...(await signedHeaders(text)), 'content-length': String(text.length) },
    text,
  );
  expect(big.status).toBe(200);

  const refused: unknown[] = [];
  const stopWatching = receiver.onError((error, info) => {
    if (info.stage === 'request') refused.push((error as { code?: unknown }).code);
  });
  const get = await fetch(url);
  expect(get.status).toBe(405);
  // A method a Web Request cannot even hold: the same 405, reported like any other refusal,
  // and the server lives on.
  const trace = await rawRequest(url, 'TRACE');
  expect(trace).toMatchObject({ status: 405, headers: { allow: 'POST' } });
  expect(JSON.parse(trace.body).error.code).toBe('method_not_allowed');
  expect(refused).toEqual(['method_not_allowed', 'method_not_allowed']);
  stopWatching();
  expect((await deliver(url, exampleEvent('user.created', 1))).status).toBe(200);
}

/**
 * Sends a signed delivery gzip-compressed (`content-encoding: gzip`) and checks the answer is
 * 415 naming the encoding: every adapter must refuse it alike, whether or not the framework
 * inflated the body before the receiver saw it.
 */
export async function checkCompressedRefused(url: string): Promise<void> {
  const text = JSON.stringify(exampleEvent('user.created', 1));
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...(await signedHeaders(text)), 'content-encoding': 'gzip' },
    body: gzipSync(text),
  });
  expect(response.status).toBe(415);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('unsupported_media_type');
  expect(body.error.message).toContain('content-encoding "gzip"');
}
