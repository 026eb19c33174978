import { generateSecret } from '@hookline/signature';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createMemoryStore, type Dispatcher } from '../src/index.js';
import { decodeExcerpt } from '../src/transport.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const byteLength = (text: string) => utf8(text).byteLength;

describe('decodeExcerpt', () => {
  it('leaves out a character the limit cuts in half instead of storing U+FFFD', () => {
    // '€' is 3 bytes and '😀' 4: every cut inside them backs off to the character's start.
    for (const [char, size] of [
      ['é', 2],
      ['€', 3],
      ['😀', 4],
    ] as const) {
      for (let inside = 1; inside < size; inside++) {
        const body = utf8(`${'a'.repeat(10 - inside)}${char}tail`);
        expect(decodeExcerpt([body], 10)).toBe('a'.repeat(10 - inside));
      }
      // A character that ends exactly at the limit is kept.
      expect(decodeExcerpt([utf8(`${'a'.repeat(10 - size)}${char}tail`)], 10)).toBe(
        `${'a'.repeat(10 - size)}${char}`,
      );
    }
  });

  it('turns NUL (a binary body) into U+FFFD, within the limit', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x41]);
    expect(decodeExcerpt([png], 64)).toBe('\uFFFDPNG\uFFFD\uFFFDA');
    expect(byteLength(decodeExcerpt([png], 6))).toBeLessThanOrEqual(6);
  });

  it('backs off across chunk boundaries and when reading stopped exactly at the limit', () => {
    const body = utf8(`${'a'.repeat(1022)}€ and more`);
    const chunks = [body.subarray(0, 1023), body.subarray(1023, 1025), body.subarray(1025)];
    expect(decodeExcerpt(chunks, 1024)).toBe('a'.repeat(1022));
    // The transport may stop after exactly `limit` bytes: the body may go on.
    expect(decodeExcerpt([body.subarray(0, 1024)], 1024)).toBe('a'.repeat(1022));
    // A 4-byte character cut after 3 of them: its U+FFFD (3 bytes) would fit the limit.
    const emoji = utf8(`${'a'.repeat(1021)}😀 and more`);
    expect(decodeExcerpt([emoji.subarray(0, 1024)], 1024)).toBe('a'.repeat(1021));
  });

  it('never exceeds the limit in UTF-8 bytes, even when invalid bytes become U+FFFD', () => {
    const invalid = new Uint8Array(64).fill(0xff);
    const excerpt = decodeExcerpt([invalid], 16);
    expect(byteLength(excerpt)).toBeLessThanOrEqual(16);
    expect(excerpt).toBe('\uFFFD'.repeat(5));
    // A stray continuation byte at the cut is the body's own fault: no backing off past 'a'.
    const stray = Uint8Array.from([0x61, 0x61, 0x61, 0x80, 0x80]);
    expect(decodeExcerpt([stray], 3)).toBe('aaa');
    // Two invalid bytes (2 bytes) decode to two U+FFFD (6 bytes): only one fits in 6 bytes.
    expect(decodeExcerpt([stray], 6)).toBe('aaa\uFFFD');
    // A body shorter than the limit that ends mid-character still decodes (leniently).
    expect(decodeExcerpt([Uint8Array.from([0x61, 0xe2, 0x82])], 16)).toBe('a\uFFFD');
  });

  it('keeps every mixed body within the limit and a prefix of its decoding', () => {
    const pieces = ['a', 'é', '€', '😀', '\uFFFD'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let run = 0; run < 300; run++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += pieces[next() % pieces.length];
      const limit = 1 + (next() % 60);
      const excerpt = decodeExcerpt([utf8(text)], limit);
      expect(byteLength(excerpt)).toBeLessThanOrEqual(limit);
      expect(text.startsWith(excerpt)).toBe(true);
      // Nothing more than the one cut character (at most 3 bytes) is given up.
      expect(byteLength(excerpt)).toBeGreaterThan(Math.min(limit, byteLength(text)) - 4);
    }
  });
});

describe.each([
  ['the default (undici) transport', {}],
  ['a fetch transport', { fetch: globalThis.fetch }],
])('response excerpts in the delivery log through %s', (_name, transport) => {
  let receiver: TestReceiver;
  let dispatcher: Dispatcher;
  let secret: string;

  beforeEach(async () => {
    secret = generateSecret();
    receiver = await startReceiver([secret]);
  });
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver.close();
  });

  it('stores at most responseExcerptBytes bytes without a broken character at the end', async () => {
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      timeoutMs: 2000,
      ...transport,
    });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    // '€' (3 bytes) starts at byte 1022: the default 1024-byte limit falls inside it.
    receiver.respond = (_req, res) => {
      res
        .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${'x'.repeat(1022)}€${'y'.repeat(2000)}`);
    };
    await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    const [delivery] = await dispatcher.listDeliveries();
    const [attempt] = await dispatcher.listAttempts(delivery!.id);
    expect(attempt?.statusCode).toBe(500);
    expect(attempt?.responseExcerpt).toBe('x'.repeat(1022));
    expect(byteLength(attempt?.responseExcerpt ?? '')).toBeLessThanOrEqual(1024);
  });
});
