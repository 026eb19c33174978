import type { VerificationKey } from './crypto/crypto-steps.js';
import { utf8SecretKey } from './providers/utf8-secret-key.js';
import { parseVerificationKey } from './schemes/standard-webhooks-keys.js';
import { toSecretList } from './secret-list.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** A signature scheme by name: Standard Webhooks or one provider's own scheme. */
export type SchemeName = 'standard-webhooks' | 'stripe' | 'github' | 'authgear' | 'shopify';

interface KeyRule {
  /** The scheme as messages name it. */
  label: string;
  /** The key rule `verify` applies to each secret (throws `invalid_secret`). */
  key: (secret: string, index: number, count: number) => VerificationKey;
}

const textKey =
  (provider: string) =>
  (secret: string): VerificationKey =>
    utf8SecretKey(provider, secret);

const RULES: Record<SchemeName, KeyRule> = {
  'standard-webhooks': { label: 'Standard Webhooks', key: parseVerificationKey },
  stripe: { label: 'Stripe', key: textKey('stripe') },
  github: { label: 'GitHub', key: textKey('GitHub') },
  authgear: { label: 'Authgear', key: textKey('Authgear') },
  shopify: { label: 'Shopify', key: textKey('Shopify') },
};

/**
 * Checks, with no crypto and no request, that `secret` (one, or a list during rotation) is
 * usable to verify deliveries of `scheme` — the same rule `verify` applies, so a bad secret
 * fails at start-up instead of on every delivery. Returns the secrets as a list; throws a
 * `WebhookVerificationError` with code `invalid_secret` (the message never quotes a secret)
 * for an empty list, a missing or blank secret, malformed base64 or a key of the wrong kind
 * (a `whsk_` signing key where `whsec_`/`whpk_` is needed); `invalid_options` for an unknown
 * scheme (the message does not quote it either: swapped arguments would put the secret there).
 *
 * @example
 * ```ts
 * const secrets = checkSecrets('standard-webhooks', process.env.WEBHOOK_SECRET);
 * ```
 */
export function checkSecrets(scheme: SchemeName, secret: unknown): readonly string[] {
  // Own keys only ('constructor' is no scheme). What was passed is never quoted: with the
  // arguments the wrong way round it is the secret, and a secret can look like a scheme name
  // ('mygithubwebhooksecret').
  if (typeof scheme !== 'string' || !Object.hasOwn(RULES, scheme)) {
    throw new WebhookVerificationError(
      'invalid_options',
      `checkSecrets(scheme, secret): the first argument is not a scheme name (were the arguments swapped?); pass one of ${Object.keys(RULES).join(', ')} first and the secret second.`,
    );
  }
  const rule = RULES[scheme];
  const secrets = toSecretList(secret, rule.label);
  for (let index = 0; index < secrets.length; index++) {
    rule.key(secrets[index]!, index, secrets.length);
  }
  return secrets;
}
