import type { ReceiverError } from './receiver-error.js';

/** A JSON response with `cache-control: no-store`. */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
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
  if (status === 503) headers['retry-after'] = '5';
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return jsonResponse(status, body, headers);
}
