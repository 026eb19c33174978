import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  createNodeTransport,
  type Resolver,
} from '../src/index.js';
import { draftEvent } from './helpers/events.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const cert = fixture('tls-test-only.cert.pem');
const key = fixture('tls-test-only.key.pem');

describe('HTTPS delivery through the pinned address', () => {
  let server: Server;
  let port: number;
  const hosts: string[] = [];
  beforeAll(async () => {
    server = createServer({ cert, key }, (req, res) => {
      hosts.push(req.headers.host ?? '');
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // Both names resolve to the test server; only one is on its certificate.
  const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

  const deliverTo = async (host: string) => {
    const transport = createNodeTransport({ ca: cert });
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true },
      resolve,
      transport,
    });
    await dispatcher.createEndpoint({ url: `https://${host}:${port}/webhooks` });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const [delivery] = await dispatcher.listDeliveries();
    transport.close();
    return delivery!;
  };

  it('verifies the certificate against the URL host name while connecting to the checked address', async () => {
    const delivery = await deliverTo('hooks.example.test');
    expect(delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 200 });
    expect(hosts).toContain(`hooks.example.test:${port}`);
  });

  it('fails when the certificate does not name the URL host, even though the address is the same', async () => {
    const delivery = await deliverTo('other.example.test');
    expect(delivery.status).toBe('pending');
    expect(delivery.lastError).toMatch(/altname|certificate/i);
  });
});
