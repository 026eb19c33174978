import { castEvent, parseEvent } from '@hookline/events';

// A delivery as it arrives: the raw body and its headers (the article's own example payload,
// which has no id and no version: the id comes from webhook-id, the version defaults to 1).
const body =
  '{"event":"user.login","timestamp":"2026-03-13T17:00:00Z","resource_id":"usr_abc123","metadata":{"ip_address":"203.0.113.42","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)..."}}';
const headers = new Headers({ 'webhook-id': 'evt_01JQ3ZC2H8D4F6G8J0K2M4N6P8' });

const result = parseEvent(body, { headers });
if (!result.ok) {
  // e.g. 'invalid_metadata' with issues [{ path: ['metadata', 'ip_address'], message }]
  console.error(result.error.code, result.error.status, result.error.issues);
} else {
  const event = result.event;
  switch (event.event) {
    case 'user.login': {
      // Upcast whatever version arrived to the one this code is written against.
      const login = castEvent(event, 2);
      const { client, method } = login.metadata;
      console.log(`${login.resource_id} signed in from ${client.ip_address} (method: ${method})`);
      break;
    }
    case 'payment.succeeded': {
      const { amount } = castEvent(event, 2).metadata;
      console.log(`${event.resource_id}: ${amount.value} ${amount.currency} (minor units)`);
      break;
    }
    default:
      console.log(`not handled here: ${event.event} v${event.version}`);
  }
}
