import type { ReceiverError } from './receiver-error.js';

const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
};
const RECEIVED = JSON.stringify({ received: true });
const RECEIVED_DUPLICATE = JSON.stringify({ received: true, duplicate: true });

/** A JSON response with `cache-control: no-store`. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers === undefined ? JSON_HEADERS : { ...JSON_HEADERS, ...headers },
  });
}

/** The acknowledgement: 200 `{"received":true}`, plus `"duplicate":true` for a known id. */
export function ackResponse(duplicate: boolean): Response {
  return new Response(duplicate ? RECEIVED_DUPLICATE : RECEIVED, {
    status: 200,
    headers: JSON_HEADERS,
  });
}

/** The body of every error answer: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Turns a receiver error into its JSON answer (`status` defaults to 500). */
export function errorResponse(error: ReceiverError): Response {
  const status = error.status ?? 500;
  const headers: Record<string, string> = {};
  if (status === 405) headers.allow = 'POST';
  // Both mean "try again shortly": the store is down, or the event is still being handled.
  if (status === 503 || error.code === 'in_progress') headers['retry-after'] = '5';
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return jsonResponse(status, body, headers);
}
