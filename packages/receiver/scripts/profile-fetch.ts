/**
 * A tight loop over receiver.fetch for CPU profiling (not run by tests):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-fetch.ts [iterations]
 * Prints requests/s for the receiver and the minimal peer on the same deliveries.
 */
import { getEventDefinition } from '@hookline/events';
import { signWebhook } from '@hookline/signature';
import { Webhook } from 'standardwebhooks';
import { createMemoryStore, createReceiver } from '../src/index.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const iterations = Number(process.argv[2] ?? 40_000);
const example = getEventDefinition('payment.succeeded', 2)!.example;
const timestamp = Math.floor(Date.now() / 1000);
const deliveries: Array<{ body: string; headers: Record<string, string> }> = [];
for (let i = 0; i < iterations; i++) {
  const id = `evt_prof_${i}`;
  const body = JSON.stringify({ ...example, id });
  const signature = await signWebhook({ id, timestamp, payload: body, secret: SECRET });
  deliveries.push({ body, headers: { 'content-type': 'application/json', ...signature } });
}
const toRequest = ({ body, headers }: (typeof deliveries)[number]) =>
  new Request('http://bench.local/webhooks', { method: 'POST', headers, body });

const receiver = createReceiver({ secret: SECRET, store: createMemoryStore() });
let start = performance.now();
for (const delivery of deliveries) {
  const response = await receiver.fetch(toRequest(delivery));
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  await response.arrayBuffer();
}
const receiverRate = iterations / ((performance.now() - start) / 1000);

const peer = new Webhook(SECRET);
const seen = new Map<string, unknown>();
start = performance.now();
for (const delivery of deliveries) {
  const request = toRequest(delivery);
  const body = await request.text();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  peer.verify(body, headers);
  const event = JSON.parse(body) as { id: string };
  if (!seen.has(event.id)) seen.set(event.id, event);
}
const peerRate = iterations / ((performance.now() - start) / 1000);
console.log(
  `receiver.fetch ${Math.round(receiverRate)}/s, minimal peer ${Math.round(peerRate)}/s (${iterations} unique deliveries)`,
);
