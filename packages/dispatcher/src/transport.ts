import type { ResolvedAddress } from './resolve-target.js';

/** One HTTP POST of a signed webhook. */
export interface TransportRequest {
  /** The endpoint URL, checked. Shared between attempts: read it, do not modify it. */
  url: URL;
  /** The checked address to connect to (already allowed by the address policy). */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
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

/** Decodes the start of a body for the delivery log. */
export function decodeExcerpt(chunks: readonly Uint8Array[], limit: number): string {
  const joined = new Uint8Array(
    Math.min(
      limit,
      chunks.reduce((n, c) => n + c.byteLength, 0),
    ),
  );
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= joined.byteLength) break;
    const part = chunk.subarray(0, joined.byteLength - offset);
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(joined);
}
