import { signWebhook } from '@hookline/signature';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OLD_SECRET = 'whsec_dGVzdC1vbGQtc2VjcmV0LWZvci1yb3RhdGlvbg==';

export interface SignedInit {
  secret?: string;
  id?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Signs a body the way a Standard Webhooks sender does; returns fetch-ready headers. */
export async function signedHeaders(
  body: string,
  init: SignedInit = {},
): Promise<Record<string, string>> {
  const parsed = safeJson(body);
  const id = init.id ?? (typeof parsed?.id === 'string' ? parsed.id : 'msg_no_id');
  const signature = await signWebhook({
    id,
    timestamp: init.timestamp ?? Math.floor(Date.now() / 1000),
    payload: body,
    secret: init.secret ?? SECRET,
  });
  return { 'content-type': 'application/json', ...signature, ...init.headers };
}

/** A real signed Web Request for the given JSON body (an object is serialised). */
export async function signedRequest(
  body: unknown,
  init: SignedInit & { url?: string } = {},
): Promise<Request> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(init.url ?? 'http://receiver.test/webhooks', {
    method: 'POST',
    headers: await signedHeaders(text, init),
    body: text,
  });
}

function safeJson(text: string): { id?: unknown } | undefined {
  try {
    return JSON.parse(text) as { id?: unknown };
  } catch {
    return undefined;
  }
}
