import type { CheckoutSession } from '@hookline/openapi';
import { baseStyle, escapeHtml, scriptJson } from './html.js';

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/**
 * The stand-in for the provider's hosted payment page (GET /pay/{checkout_session_id}): shows
 * the amount and calls the pay operation with a test card — Pay succeeds, Decline is declined.
 */
export function payPage(session: CheckoutSession, apiKey: string): string {
  const open = session.status === 'open';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay ${escapeHtml(money(session.amount, session.currency))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${baseStyle} main { max-width: 420px; margin: 40px auto; } .amount { font-size: 28px; margin: 8px 0 16px; }</style></head>
<body><main><section>
<h1>Hookline sandbox checkout</h1>
<div class="amount" id="amount">${escapeHtml(money(session.amount, session.currency))}</div>
<p class="muted">${escapeHtml(session.mode === 'subscription' ? `Subscription ${session.plan_id ?? ''} (${session.interval ?? ''})` : 'One-time payment')} · <span class="mono">${escapeHtml(session.id)}</span>${session.customer_email ? ` · ${escapeHtml(session.customer_email)}` : ''}</p>
<p>Status: <strong id="status">${escapeHtml(session.status)}</strong></p>
${
  open
    ? `<p class="muted">Test card 4242 4242 4242 4242 pays; Decline uses 4000 0000 0000 0002.</p>
<button class="primary" id="pay">Pay</button> <button id="decline">Decline</button>`
    : ''
}
<p id="result"></p>
${session.cancel_url && open ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ''}
</section></main>
<script>
const KEY = ${scriptJson(apiKey)};
const SESSION = ${scriptJson({ id: session.id, success_url: session.success_url })};
async function pay(number) {
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  const res = await fetch('/v1/checkout/sessions/' + SESSION.id + '/pay', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + KEY, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' } }),
  });
  const body = await res.json();
  const result = document.getElementById('result');
  if (!res.ok) { result.className = 'bad'; result.textContent = body.detail; return; }
  document.getElementById('status').textContent = body.checkout_session.status;
  if (body.payment.status === 'succeeded') {
    result.className = 'ok';
    result.textContent = 'Payment succeeded (' + body.payment.id + '). Returning to the shop…';
    const link = document.createElement('a'); link.href = SESSION.success_url; link.textContent = ' Continue';
    result.append(link);
    setTimeout(() => { location.href = SESSION.success_url; }, 1500);
  } else {
    result.className = 'bad';
    result.textContent = 'Payment failed: ' + body.payment.failure_message + ' (' + body.payment.id + ')';
    for (const b of document.querySelectorAll('button')) b.disabled = false;
  }
}
document.getElementById('pay')?.addEventListener('click', () => pay('4242424242424242'));
document.getElementById('decline')?.addEventListener('click', () => pay('4000000000000002'));
</script>
</body></html>`;
}
