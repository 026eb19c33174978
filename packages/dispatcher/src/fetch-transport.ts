import { type DeliveryTransport, decodeExcerpt } from './transport.js';

/**
 * A transport over a `fetch` implementation (for runtimes or proxies where the default undici
 * transport is not wanted). Redirects are not followed (`redirect: 'manual'`). The address policy still checks
 * the resolved addresses first, but `fetch` resolves the host again itself, so unlike the
 * default transport the connection is not pinned to the checked address.
 */
export function createFetchTransport(fetchImpl: typeof fetch): DeliveryTransport {
  return async (req) => {
    const response = await fetchImpl(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const chunks: Uint8Array[] = [];
    if (response.body) {
      const reader = response.body.getReader();
      let seen = 0;
      while (seen < req.excerptBytes) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        seen += value.byteLength;
      }
      await reader.cancel().catch(() => {});
    }
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      excerpt: decodeExcerpt(chunks, req.excerptBytes),
    };
  };
}
