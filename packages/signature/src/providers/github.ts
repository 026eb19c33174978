import { bodyHmacScheme } from './body-hmac-scheme.js';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, keyed by the webhook
 * secret as text. `deliveryId` (X-GitHub-Delivery) is the idempotency key; `event` is
 * X-GitHub-Event. Both are informational: GitHub does not sign them.
 */
export const githubScheme = bodyHmacScheme({
  provider: 'GitHub',
  header: 'x-hub-signature-256',
  encoding: 'hex',
  prefix: 'sha256=',
  fields: { deliveryId: 'x-github-delivery', event: 'x-github-event' },
  missingHint:
    'GitHub sends it only when the webhook has a secret: set one in the webhook settings. (The SHA-1 X-Hub-Signature header is not accepted.)',
});
