import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type DeliveryTransport, decodeExcerpt } from './transport.js';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Certificate authorities to trust instead of Node's bundled ones (PEM), e.g. a private CA. */
  ca?: string | readonly string[];
}

/** Bodies longer than this are not drained for connection reuse; the socket is dropped instead. */
const maxDrainBytes = 64 * 1024;

/**
 * The default transport: node:http(s) with keep-alive, connecting to the address the policy
 * checked (a pinned `lookup`), never following redirects, bounded by one overall timeout.
 * TLS still verifies the certificate against the URL's host name (SNI), not the address.
 */
export function createNodeTransport(
  options: NodeTransportOptions = {},
): DeliveryTransport & { close(): void } {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    maxSockets: 256,
    ...(options.ca === undefined
      ? {}
      : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }),
  });
  const send: DeliveryTransport = (req) =>
    new Promise((resolve, reject) => {
      const pinned: LookupFunction = (_host, options, callback) => {
        if ((options as { all?: boolean }).all) {
          (callback as unknown as (e: null, a: ResolvedList) => void)(null, [req.address]);
        } else {
          callback(null, req.address.address, req.address.family);
        }
      };
      const isHttps = req.url.protocol === 'https:';
      const client = (isHttps ? httpsRequest : httpRequest)(req.url, {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: pinned,
      });
      const timer = setTimeout(() => {
        client.destroy(
          Object.assign(new Error(`no response within ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        );
      }, req.timeoutMs);
      client.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      client.on('response', (res) => {
        const chunks: Buffer[] = [];
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          if (seen < req.excerptBytes) chunks.push(chunk);
          seen += chunk.byteLength;
          if (seen > maxDrainBytes) res.destroy();
        });
        const finish = () => {
          clearTimeout(timer);
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof header === 'string' ? header : null,
            excerpt: decodeExcerpt(chunks, req.excerptBytes),
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', () => finish());
      });
      client.end(req.body);
    });
  return Object.assign(send, {
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}

type ResolvedList = ReadonlyArray<{ address: string; family: number }>;
