import { createReceiver } from '../../src/index.js';

/**
 * The README's sync-mode example, verbatim between the region markers (the README test checks
 * that the README still contains this text), wrapped so a test can run it.
 */
export function readmeBlockingHook(secret: string) {
  // #region readme-sync-example
  // An Authgear blocking hook: Authgear's own events, so parse: 'provider' and onProvider().
  const hooks = createReceiver({ secret, scheme: 'authgear', parse: 'provider', mode: 'sync' });
  hooks.onProvider('user.pre_create', (event) => {
    const { payload } = event.payload as {
      payload: { user: { standard_attributes: { email?: string } } };
    };
    const email = payload.user.standard_attributes.email ?? '';
    return email.endsWith('@blocked.example')
      ? { is_allowed: false, title: 'Sign-up blocked', reason: 'This email domain is not allowed.' }
      : { is_allowed: true };
  });
  // #endregion readme-sync-example
  return hooks;
}
