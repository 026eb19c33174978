const sensitive = /^(authorization|proxy-authorization|cookie|x-api-key)$/i;

/** The mark that stands in for a credential in logs. */
export const REDACTED = '[redacted]';

/** A copy of `headers` with credential headers (Authorization, Cookie, X-Api-Key) replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    out[name] = sensitive.test(name) ? REDACTED : (headers[name] as string);
  }
  return out;
}

/** `text` with every occurrence of each secret replaced by {@link REDACTED}. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  for (const secret of secrets) if (secret) text = text.split(secret).join(REDACTED);
  return text;
}
