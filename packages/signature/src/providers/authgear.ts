import { bodyHmacScheme } from './body-hmac-scheme.js';

/**
 * Authgear: `x-authgear-body-signature: <hex HMAC-SHA256 of the body>`, keyed by the webhook
 * signature secret (Portal > Advanced > Hooks > Webhook Signature) as text.
 */
export const authgearScheme = bodyHmacScheme({
  provider: 'Authgear',
  header: 'x-authgear-body-signature',
  encoding: 'hex',
  prefix: '',
  fields: {},
  missingHint:
    'Authgear signs every webhook request; check that this endpoint receives Authgear hooks.',
});
