import { createHash } from 'node:crypto';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A JSON value safe to embed in a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The shared look of the pages. */
export const baseStyle = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  header { background: #1d2330; color: #fff; padding: 12px 24px; }
  header code, header a { color: #9fe3b4; }
  main { padding: 16px 24px; max-width: 1100px; }
  section { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; }
  h1 { font-size: 18px; margin: 0; } h2 { font-size: 16px; margin: 4px 0 8px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
  code, .mono { font: 12px ui-monospace, monospace; }
  button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #8a94a6; background: #fff; cursor: pointer; }
  button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  .ok { color: #1a7f37; } .bad { color: #cf222e; } .muted { color: #6a7385; }
`;

/** A CSP source that admits exactly one inline `<script>` or `<style>` element's text. */
function inlineSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The security headers of an HTML page whose only script and styles are the inline elements
 * with these exact texts: nothing else runs or styles the page (an injected `<script>`, inline
 * event attributes, style attributes, scripts from elsewhere), requests go only to this origin,
 * the page cannot be framed (clickjacking the pay buttons), and the URL (a checkout session id)
 * is not sent on as a Referer. Forms may post here and be redirected on to any web page (the
 * pay page returns to the shop's success_url).
 */
export function pageHeaders(inline: { scripts?: readonly string[]; styles: readonly string[] }) {
  const scripts = (inline.scripts ?? []).map(inlineSource);
  return {
    'content-security-policy': [
      "default-src 'none'",
      `script-src ${scripts.length > 0 ? scripts.join(' ') : "'none'"}`,
      `style-src ${inline.styles.map(inlineSource).join(' ')}`,
      "connect-src 'self'",
      "img-src 'self'",
      "form-action 'self' http: https:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
