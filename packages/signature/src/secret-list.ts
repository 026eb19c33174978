import { WebhookVerificationError } from './webhook-verification-error.js';

/** One secret, or several during rotation (any may match; signing uses all). */
export type SecretInput = string | readonly string[];

/** Normalises a secret or a list of secrets, refusing empty input with `invalid_secret`. */
export function toSecretList(secret: unknown, scheme: string): readonly string[] {
  const list: readonly unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `No ${scheme} secret was given (an empty list). Pass the endpoint's secret, or several during rotation.`,
    );
  }
  // An index loop: forEach skips the holes of a sparse array (new Array(2)).
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (typeof item !== 'string' || item.trim() === '') {
      throw new WebhookVerificationError(
        'invalid_secret',
        `The ${scheme} ${secretLabel(index, list.length)} is ${describeUnusable(item)}. Check the configuration that provides it (an unset environment variable is the usual cause).`,
      );
    }
  }
  return list as readonly string[];
}

/** What is wrong with a secret that is not a non-blank string (never the value itself). */
function describeUnusable(item: unknown): string {
  if (typeof item === 'string') return item === '' ? 'empty' : 'blank (only whitespace)';
  if (item === undefined || item === null) return `${item}, not a string`;
  return `a ${typeof item}, not a string`;
}

/** "secret" or "secret #2 of 3", for messages that must never quote the secret itself. */
export function secretLabel(index: number, count: number): string {
  return count === 1 ? 'secret' : `secret #${index + 1} of ${count}`;
}

/**
 * Extra advice for a mismatch when a text secret has surrounding whitespace (usually a newline
 * from an env file), which silently changes the HMAC key. Empty when there is none.
 */
export function whitespaceHint(secrets: readonly string[]): string {
  return secrets.some((secret) => secret !== secret.trim())
    ? ' A configured secret has leading or trailing whitespace (often a newline from an env file); trim it.'
    : '';
}
