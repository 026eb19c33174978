import type { Receiver } from './create-receiver.js';
import { errorResponse } from './json-response.js';
import type { ReceiverError } from './receiver-error.js';

/** How each receiver answers a refused request: logged and reported, then the error's answer. */
const refusers = new WeakMap<Receiver, (failure: ReceiverError) => Response>();

/** Registers how `receiver` refuses a request (createReceiver does, for the adapters). */
export function setRefuser(receiver: Receiver, refuse: (failure: ReceiverError) => Response) {
  refusers.set(receiver, refuse);
}

/**
 * The answer of `receiver` to a request the adapter refused before `receiver.fetch` could see
 * it (a method a Web `Request` cannot hold: TRACE, CONNECT, TRACK), logged and reported to its
 * `onError` listeners like every other refusal. A receiver this package did not create gets the
 * plain answer.
 */
export function refuseRequest(receiver: Receiver, failure: ReceiverError): Response {
  return (refusers.get(receiver) ?? errorResponse)(failure);
}
