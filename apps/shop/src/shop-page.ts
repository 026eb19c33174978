import { createHash } from 'node:crypto';

/** The page's one stylesheet (inline; its hash is in the Content-Security-Policy). */
const shopStyle = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2330; }
  header { background: #1d2330; color: #fff; padding: 12px 24px; display: flex; gap: 16px; align-items: center; }
  header h1 { font-size: 18px; margin: 0; flex: 1; }
  main { display: grid; grid-template-columns: 1fr; gap: 16px; padding: 16px 24px; }
  @media (min-width: 1100px) {
    main { grid-template-columns: repeat(3, minmax(0, 1fr)); }
    #store, #feed-section { grid-column: span 2; }
  }
  section { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 12px 16px; min-width: 0; overflow-x: auto; }
  section h2 { font-size: 16px; margin: 0 0 8px; }
  form { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
  input { padding: 6px 8px; border: 1px solid #c5cbd6; border-radius: 4px; }
  button { padding: 6px 12px; border: 1px solid #2f5bd3; background: #2f5bd3; color: #fff; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #2f5bd3; }
  button:disabled { opacity: .5; cursor: default; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  td, th { text-align: left; padding: 4px 6px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
  .mono { font-family: ui-monospace, monospace; font-size: 12px; }
  .muted { color: #6b7385; }
  .pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; background: #eef0f4; }
  .paid, .active, .push { background: #d9f5e3; color: #14633a; }
  .failed, .revoked, .suspicious { background: #fde2e1; color: #9b1c1c; }
  .pending, .pull { background: #fff4d6; color: #7a5300; }
  .duplicate { background: #e6e9ff; color: #2b3aa0; }
  #banner { margin: 12px 24px 0; padding: 10px 14px; border-radius: 8px; background: #fff4d6; display: none; }
  #banner.paid { background: #d9f5e3; }
  #banner.failed { background: #fde2e1; }
  .error { color: #9b1c1c; }
  h2.spaced { margin-top: 12px; }
`;

/**
 * Headers of the page: its script comes from /shop.js and its only style is the inline sheet
 * above (by hash); requests go to the shop alone, nothing may frame the page, and the URL of
 * the checkout it leaves for gets no Referer. An injected `<script>` or inline handler does not run.
 */
export const shopPageHeaders = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${createHash('sha256').update(shopStyle, 'utf8').digest('base64')}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The shop's one page (plain HTML; the script is served at /shop.js). It renders
 * `GET /api/state` and re-renders whenever `GET /api/stream` (Server-Sent Events) says
 * something changed, so an order turns paid the moment the webhook is handled.
 */
export function shopPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hookline example shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${shopStyle}</style></head>
<body>
<header><h1>Hookline example shop</h1><span id="whoami" class="muted">not signed in</span>
<button id="logout" class="secondary" hidden>Log out</button></header>
<div id="banner" role="status"></div>
<main>
<section id="account">
  <h2>Account</h2>
  <form id="signup-form"><input id="signup-email" type="email" placeholder="email" required autocomplete="off">
    <input id="signup-password" type="password" placeholder="password (8+ characters)" required minlength="8">
    <input id="signup-name" placeholder="name (optional)"><button id="signup-submit">Sign up</button></form>
  <form id="login-form"><input id="login-email" type="email" placeholder="email" required>
    <input id="login-password" type="password" placeholder="password" required>
    <button id="login-submit">Log in</button></form>
  <p id="account-result" class="muted"></p>
  <p><button id="delete-account" class="secondary" hidden>Delete my account</button></p>
  <h2>Onboarding</h2><ul id="onboarding" class="muted"><li>Sign up to get a welcome task (from <span class="mono">user.created</span>).</li></ul>
</section>
<section id="store">
  <h2>Store</h2>
  <table><tbody id="products"></tbody></table>
  <h2 class="spaced">Your orders</h2>
  <table><thead><tr><th>order</th><th>item</th><th>status</th><th>learned by</th><th>fulfilment</th></tr></thead><tbody id="orders"></tbody></table>
  <h2 class="spaced">Your access</h2>
  <table><tbody id="access"><tr><td class="muted">No membership yet.</td></tr></tbody></table>
</section>
<section id="compare-section">
  <h2>Webhook vs polling</h2>
  <p class="muted">Two payments of the same product: the shop learns of one from its webhook, and polls
  <span class="mono">GET /v1/checkout/sessions/{id}</span> with <span class="mono">poll()</span> for the other. A stand-in customer pays both after a moment on the payment page.</p>
  <button id="compare">Compare</button>
  <table id="compare-result"></table>
</section>
<section id="feed-section">
  <h2>Received events about you</h2>
  <p class="muted"><span id="endpoint"></span> <button id="catch-up" class="secondary">Catch up now</button></p>
  <table><thead><tr><th>event</th><th>resource</th><th>how</th><th>at</th></tr></thead><tbody id="feed"></tbody></table>
</section>
<section id="security-section">
  <h2>Security log</h2>
  <p class="muted">Every <span class="mono">user.login</span>; a login from an address this user never used before is flagged.</p>
  <table><thead><tr><th>at</th><th>address</th><th>client</th><th></th></tr></thead><tbody id="security-log"></tbody></table>
</section>
</main>
<script src="/shop.js"></script>
</body></html>`;
}

/** The page's script: renders the shop's state and listens for changes. */
export const shopScript = String.raw`'use strict';
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const returnedOrder = params.get('order');
let state = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ''));
  return node;
}
const pill = (text, cls) => el('span', { class: 'pill ' + (cls || text) }, text);
const money = (amount, currency) => (amount / 100).toFixed(2) + ' ' + currency;
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '');

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
  return data;
}

function render() {
  const s = state;
  $('whoami').textContent = s.user ? 'signed in as ' + s.user.email : 'not signed in';
  $('logout').hidden = !s.user;
  $('delete-account').hidden = !s.user;
  $('endpoint').textContent = s.webhook
    ? 'Endpoint ' + s.webhook.id + ' (' + s.webhook.outcome + ') at ' + s.webhook.url +
      (s.catch_up ? '. Last catch-up: ' + s.catch_up.new + ' new, ' + s.catch_up.duplicate + ' already seen.' : '')
    : 'Registering the webhook endpoint…';

  $('products').replaceChildren(...s.products.map((p) => el('tr', {},
    el('td', {}, p.name), el('td', {}, money(p.amount, p.currency) + (p.mode === 'subscription' ? ' / month' : '')),
    el('td', {}, el('button', { 'data-buy': p.id, disabled: !s.user, onclick: () => buy(p.id) }, p.mode === 'subscription' ? 'Subscribe' : 'Buy')))));

  $('orders').replaceChildren(...(s.orders.length ? s.orders.map((o) => el('tr', { 'data-order': o.id },
    el('td', { class: 'mono' }, o.id), el('td', {}, o.description + (o.watch === 'poll' ? ' (polled)' : '')),
    el('td', { class: 'status' }, pill(o.status)),
    el('td', {}, o.learned_by ? o.learned_by + (o.learned_source ? ' (' + o.learned_source + ')' : '') : ''),
    el('td', {}, o.fulfilment_started_at ? 'started ' + time(o.fulfilment_started_at) : '')))
    : [el('tr', {}, el('td', { class: 'muted' }, 'No orders yet.'))]));

  $('access').replaceChildren(...(s.access.length ? s.access.map((a) => el('tr', { 'data-subscription': a.subscription_id },
    el('td', { class: 'mono' }, a.subscription_id), el('td', {}, a.plan_id || 'Pro'), el('td', {}, pill(a.status)),
    el('td', {}, a.status === 'active' ? el('button', { class: 'secondary', onclick: () => cancel(a.subscription_id) }, 'Cancel') : '')))
    : [el('tr', {}, el('td', { class: 'muted' }, 'No membership yet.'))]));

  $('onboarding').replaceChildren(...(s.onboarding.length ? s.onboarding.map((t) => el('li', {}, 'Task "' + t.kind + '" opened ' + time(t.created_at) + ' by ', el('span', { class: 'mono' }, t.event_id)))
    : [el('li', {}, s.user ? 'Waiting for user.created…' : 'Sign up to get a welcome task (from user.created).')]));

  $('feed').replaceChildren(...s.feed.map((f) => el('tr', { 'data-event': f.event_id },
    el('td', {}, f.event_type), el('td', { class: 'mono' }, f.resource_id || ''), el('td', {}, pill(f.source)), el('td', {}, time(f.at)))));

  $('security-log').replaceChildren(...(s.security_log.length ? s.security_log.map((l) => el('tr', {},
    el('td', {}, time(l.at)), el('td', { class: 'mono' }, l.ip_address), el('td', { class: 'muted' }, l.user_agent.slice(0, 40)),
    el('td', {}, l.suspicious ? pill('suspicious') : pill('known', 'active'), l.reason ? el('div', { class: 'muted' }, l.reason) : '')))
    : [el('tr', {}, el('td', { class: 'muted' }, s.user ? 'No logins recorded yet.' : 'Log in to see your logins.'))]));

  const c = s.compare;
  $('compare').disabled = !s.user;
  if (c) {
    $('compare-result').replaceChildren(
      el('tr', {}, el('th', {}, ''), el('th', {}, 'time until the shop knew'), el('th', {}, 'API requests'), el('th', {}, 'order')),
      el('tr', { 'data-side': 'webhook' }, el('td', {}, 'webhook'), el('td', { class: 'ms' }, c.webhook.msAfterPayment + ' ms'), el('td', { class: 'requests' }, c.webhook.apiRequests), el('td', { class: 'mono' }, c.webhook.orderId)),
      el('tr', { 'data-side': 'polling' }, el('td', {}, 'polling every ' + c.pollIntervalMs + ' ms'), el('td', { class: 'ms' }, c.polling.msAfterPayment + ' ms'),
        el('td', { class: 'requests' }, c.polling.apiRequests + ' (' + c.polling.requestsBeforePayment + ' before the customer paid)'), el('td', { class: 'mono' }, c.polling.orderId)));
  }

  const banner = $('banner');
  if (returnedOrder && s.user) {
    const order = s.orders.find((o) => o.id === returnedOrder);
    banner.style.display = 'block';
    banner.className = order ? order.status : '';
    banner.textContent = !order ? 'Order ' + returnedOrder + ' not found.'
      : order.status === 'paid' ? 'Order ' + order.id + ' is paid: the shop learned it from ' + order.learned_event + ' (' + order.learned_source + '). Fulfilment started.'
      : order.status === 'failed' ? 'Order ' + order.id + ' failed: ' + (order.failure_message || 'payment failed')
      : 'Order ' + order.id + ': payment submitted, waiting for the webhook…';
    banner.setAttribute('data-status', order ? order.status : 'unknown');
  }
}

let refreshing = null;
async function refresh() {
  if (refreshing) return refreshing;
  refreshing = api('/api/state').then((s) => { state = s; render(); syncStream(Boolean(s.user)); }).finally(() => { refreshing = null; });
  return refreshing;
}

async function buy(product) {
  try {
    const { pay_url } = await api('/api/orders', { product });
    location.href = pay_url; // the platform's payment page; it returns to /?order=...
  } catch (error) { $('account-result').textContent = error.message; }
}
async function cancel(subscription) {
  try { await api('/api/subscriptions/' + encodeURIComponent(subscription) + '/cancel', {}); }
  catch (error) { $('account-result').textContent = error.message; }
}

$('signup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('account-result');
  try {
    const { user } = await api('/api/signup', { email: $('signup-email').value, password: $('signup-password').value, name: $('signup-name').value });
    out.className = ''; out.textContent = 'Account ' + user.id + ' created. Now log in.';
    $('login-email').value = user.email;
  } catch (error) { out.className = 'error'; out.textContent = error.message; }
});
$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('account-result');
  try {
    await api('/api/login', { email: $('login-email').value, password: $('login-password').value });
    out.className = ''; out.textContent = 'Logged in.';
    await refresh();
  } catch (error) { out.className = 'error'; out.textContent = error.message; }
});
$('logout').addEventListener('click', async () => { await api('/api/logout', {}); await refresh(); });
$('delete-account').addEventListener('click', async () => {
  await api('/api/account/delete', {});
  $('account-result').textContent = 'Deleting: your session ends when the platform\'s webhook arrives.';
});
$('compare').addEventListener('click', async () => {
  const button = $('compare');
  button.disabled = true; button.textContent = 'Comparing…';
  try { const result = await api('/api/compare', {}); state.compare = result; render(); }
  catch (error) { $('compare-result').replaceChildren(el('tr', {}, el('td', { class: 'error' }, error.message))); }
  finally { button.textContent = 'Compare'; await refresh(); }
});

$('catch-up').addEventListener('click', async () => {
  try { const report = await api('/api/catch-up', {}); state.catch_up = report; render(); }
  catch (error) { $('account-result').textContent = error.message; }
});

// The stream carries the signed-in customer's changes: open while signed in, closed otherwise.
let events = null;
function syncStream(signedIn) {
  if (signedIn && !events) {
    events = new EventSource('/api/stream');
    events.onmessage = () => refresh();
  } else if (!signedIn && events) {
    events.close();
    events = null;
  }
}
setInterval(refresh, 5000); // in case the stream drops
refresh();
`;
