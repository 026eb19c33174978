import type { CheckoutSession } from '@hookline/openapi';
import { isWebUrl } from '../services/checkout.js';
import { baseStyle, escapeHtml, pageHeaders } from './html.js';

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/** The test card each button of the pay page charges. */
export const payPageCards = {
  pay: '4242424242424242',
  decline: '4000000000000002',
} as const;

/** What the last Pay/Decline did, shown on the page re-rendered after the form POST. */
export interface PayPageResult {
  ok: boolean;
  message: string;
}

/** The pay page's one stylesheet. */
const payPageStyle = `${baseStyle} main { max-width: 420px; margin: 40px auto; } .amount { font-size: 28px; margin: 8px 0 16px; }`;

/** The pay page's security headers: no script at all, its own style only, never framed. */
export const payPageHeaders = pageHeaders({ styles: [payPageStyle] });

/**
 * The stand-in for the provider's hosted payment page (GET /pay/{checkout_session_id}): shows
 * the amount and a plain form whose Pay/Decline buttons POST to the same path; the server runs
 * the pay operation with a test card (Pay succeeds, Decline is declined). The page holds no
 * API key and no script.
 */
export function payPage(session: CheckoutSession, result?: PayPageResult): string {
  const open = session.status === 'open';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay ${escapeHtml(money(session.amount, session.currency))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${payPageStyle}</style></head>
<body><main><section>
<h1>Hookline sandbox checkout</h1>
<div class="amount" id="amount">${escapeHtml(money(session.amount, session.currency))}</div>
<p class="muted">${escapeHtml(session.mode === 'subscription' ? `Subscription ${session.plan_id ?? ''} (${session.interval ?? ''})` : 'One-time payment')} · <span class="mono">${escapeHtml(session.id)}</span>${session.customer_email ? ` · ${escapeHtml(session.customer_email)}` : ''}</p>
<p>Status: <strong id="status">${escapeHtml(session.status)}</strong></p>
${
  open
    ? `<p class="muted">Test card 4242 4242 4242 4242 pays; Decline uses 4000 0000 0000 0002.</p>
<form method="post" action="/pay/${encodeURIComponent(session.id)}">
<button class="primary" id="pay" name="outcome" value="pay">Pay</button> <button id="decline" name="outcome" value="decline">Decline</button>
</form>`
    : ''
}
<p id="result"${result ? ` class="${result.ok ? 'ok' : 'bad'}"` : ''}>${result ? escapeHtml(result.message) : ''}</p>
${session.cancel_url && open && isWebUrl(session.cancel_url) ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ''}
</section></main>
</body></html>`;
}
