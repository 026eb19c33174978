import { baseStyle, pageHeaders } from './html.js';

/** The dashboard's one stylesheet. */
const dashboardStyle = baseStyle;

/** The dashboard's one script (hashed into its Content-Security-Policy). */
const dashboardScript = `
let KEY = sessionStorage.getItem('hookline-api-key');
let selected = null;
function showKey() { document.getElementById('key').textContent = KEY ? KEY.slice(0, 8) + '…' : 'not set'; }
async function api(method, path, body) {
  const headers = { authorization: 'Bearer ' + KEY };
  if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (res.status === 401) { sessionStorage.removeItem('hookline-api-key'); KEY = null; showKey(); document.getElementById('key-result').textContent = json.detail; }
  if (!res.ok) throw new Error(json.detail || res.status);
  return json;
}
async function all(path) {
  const out = []; let cursor = null;
  for (let i = 0; i < 50; i++) {
    const page = await api('GET', path + (path.includes('?') ? '&' : '?') + 'limit=100' + (cursor ? '&starting_after=' + cursor : ''));
    out.push(...page.data); if (!page.has_more) break; cursor = page.next_cursor;
  }
  return out;
}
function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; }
function button(td, label, onClick) { const b = document.createElement('button'); b.textContent = label; b.onclick = onClick; td.append(b, ' '); return b; }
async function loadEndpoints() {
  const body = document.querySelector('#endpoints tbody'); body.replaceChildren();
  for (const e of await all('/v1/webhook_endpoints')) {
    const row = body.insertRow(); row.dataset.id = e.id;
    cell(row, e.id, 'mono'); cell(row, e.url, 'mono'); cell(row, e.enabled_events.join(', '));
    cell(row, e.status + (e.disabled_reason ? ' (' + e.disabled_reason + ')' : ''), e.status === 'enabled' ? 'ok' : 'bad');
    const actions = row.insertCell();
    button(actions, 'Deliveries', () => { selected = e.id; loadDeliveries(); });
    button(actions, 'Send test event', async () => { await api('POST', '/v1/webhook_endpoints/' + e.id + '/test', {}); selected = e.id; setTimeout(loadDeliveries, 700); });
  }
  if (!selected && body.rows[0]) selected = body.rows[0].dataset.id;
}
async function loadDeliveries() {
  const body = document.querySelector('#deliveries tbody'); body.replaceChildren();
  document.getElementById('deliveries-of').textContent = selected ? 'of ' + selected : '';
  if (!selected) return;
  const deliveries = await all('/v1/webhook_endpoints/' + selected + '/deliveries');
  for (const d of deliveries.reverse()) {
    const row = body.insertRow(); row.dataset.id = d.id; row.className = 'delivery';
    cell(row, d.id, 'mono'); cell(row, d.event_type + ' v' + d.event_version + ' · ' + d.event_id, 'mono');
    cell(row, d.status, d.status === 'succeeded' ? 'ok' : d.status === 'pending' ? 'muted' : 'bad');
    const attempts = row.insertCell();
    for (const a of d.attempts) {
      const div = document.createElement('div'); div.className = 'mono attempt';
      div.textContent = '#' + a.attempt + ' ' + a.started_at + ' → ' + (a.status_code ?? 'no response') + ' in ' + a.latency_ms + ' ms' + (a.error ? ' · ' + a.error : '');
      attempts.append(div);
    }
    const actions = row.insertCell();
    button(actions, 'Retry', async (event) => { event.target.disabled = true; await api('POST', '/v1/deliveries/' + d.id + '/retry'); setTimeout(loadDeliveries, 700); }).className = 'retry';
  }
}
async function loadEvents() {
  const body = document.querySelector('#events tbody'); body.replaceChildren();
  const events = await all('/v1/events');
  for (const e of events.slice(-25).reverse()) {
    const row = body.insertRow();
    cell(row, e.id, 'mono'); cell(row, e.event); cell(row, String(e.version)); cell(row, e.resource_id, 'mono'); cell(row, e.timestamp);
  }
}
document.getElementById('new-endpoint').onsubmit = async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const created = await api('POST', '/v1/webhook_endpoints', { url: form.get('url'), enabled_events: String(form.get('events')).split(',').map((s) => s.trim()).filter(Boolean) });
    document.getElementById('form-result').textContent = 'created ' + created.id + ' · secret ' + created.secret;
    selected = created.id; await refresh();
  } catch (error) { document.getElementById('form-result').textContent = error.message; }
};
async function refresh() { if (!KEY) return; await loadEndpoints(); await loadDeliveries(); await loadEvents(); }
document.getElementById('key-form').onsubmit = (event) => {
  event.preventDefault();
  KEY = document.getElementById('key-input').value.trim();
  sessionStorage.setItem('hookline-api-key', KEY);
  document.getElementById('key-input').value = '';
  document.getElementById('key-result').textContent = '';
  showKey(); refresh().catch(() => {});
};
showKey(); refresh().catch(() => {});
`;

/** The dashboard's security headers: its own script and style run, nothing else. */
export const dashboardHeaders = pageHeaders({
  scripts: [dashboardScript],
  styles: [dashboardStyle],
});

/**
 * The sandbox dashboard (GET /): webhook endpoints, recent events and each endpoint's
 * deliveries with their attempts; retry a delivery, send a test event, add an endpoint.
 * Plain HTML and a little JS that calls the API with the key the person types in: the page
 * never contains the key; the script keeps it in the tab's sessionStorage only.
 */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hookline sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${dashboardStyle}</style></head>
<body>
<header><h1>Hookline sandbox</h1><div>API key <code id="key">not set</code> · <a href="/openapi.json">openapi.json</a></div></header>
<main>
<section><h2>API key</h2>
  <form id="key-form">
    <input id="key-input" name="key" type="password" placeholder="sk_test_..." size="40" autocomplete="off" required>
    <button class="primary">Use key</button> <span class="muted">the key the platform printed on start; kept in this tab only</span>
    <span id="key-result" class="bad"></span>
  </form>
</section>
<section><h2>Webhook endpoints</h2>
  <form id="new-endpoint">
    <input name="url" placeholder="http://127.0.0.1:3000/webhooks" size="40" required>
    <input name="events" value="*" size="24" title="comma-separated event types or wildcards">
    <button class="primary">Add endpoint</button> <span id="form-result" class="muted"></span>
  </form>
  <table id="endpoints"><thead><tr><th>id</th><th>url</th><th>events</th><th>status</th><th></th></tr></thead><tbody></tbody></table>
</section>
<section><h2>Deliveries <span id="deliveries-of" class="muted"></span></h2>
  <table id="deliveries"><thead><tr><th>delivery</th><th>event</th><th>status</th><th>attempts</th><th></th></tr></thead><tbody></tbody></table>
</section>
<section><h2>Latest events</h2>
  <table id="events"><thead><tr><th>id</th><th>type</th><th>v</th><th>resource</th><th>time</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script>${dashboardScript}</script>
</body></html>`;
}
