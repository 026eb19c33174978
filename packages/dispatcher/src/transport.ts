import type { ResolvedAddress } from './resolve-target.js';

/** One HTTP POST of a signed webhook. */
export interface TransportRequest {
  /** The endpoint URL, checked. Shared between attempts: read it, do not modify it. */
  url: URL;
  /** The first checked address of the host (allowed by the address policy). */
  address: ResolvedAddress;
  /**
   * Every checked address of the host, `address` first, in the resolver's order: connect to
   * the first that accepts (a host's first record may be dead, or an AAAA without a route).
   */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  body: string;
  /** What is left of the attempt's `timeoutMs` (resolving the host took the rest). */
  timeoutMs: number;
  /** How many bytes of the response body to keep for the delivery log. */
  excerptBytes: number;
}

/** What the receiver answered. Redirects are returned as-is (never followed). */
export interface TransportResponse {
  status: number;
  retryAfter: string | null;
  /** The first `excerptBytes` of the body, decoded as UTF-8. */
  excerpt: string;
}

/** Sends one request; rejects on network errors and timeouts. */
export type DeliveryTransport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Decodes the start of a body for the delivery log: at most `limit` bytes of UTF-8. A character
 * cut by the limit is left out (a streaming decode holds back an unfinished sequence instead of
 * turning it into U+FFFD); other bytes that are not UTF-8 become U+FFFD, and since that takes three
 * bytes, the text is then shortened again to stay within `limit` once encoded.
 */
export function decodeExcerpt(chunks: readonly Uint8Array[], limit: number): string {
  if (!(limit > 0)) return '';
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const joined = new Uint8Array(Math.min(limit, total));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= joined.byteLength) break;
    const part = chunk.subarray(0, joined.byteLength - offset);
    joined.set(part, offset);
    offset += part.byteLength;
  }
  // Cut at the limit (or read up to it: the transport stops reading there), the body may go on
  // past an unfinished character: decode as a stream then. NUL (a binary body) becomes U+FFFD
  // too: Postgres cannot store it in text.
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(joined, { stream: total >= limit })
    .replaceAll('\0', '\uFFFD');
  if (text.length * 3 <= limit) return text;
  // encodeInto writes whole characters only; `read` is how much of the text fitted.
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(limit));
  return text.slice(0, read);
}
