import { signWebhookSync } from '@hookline/signature/node';
import { type AllowOptions, checkEndpointUrl } from './address-policy.js';
import { activeSecrets } from './endpoint-input.js';
import { redactUrl, urlSecrets } from './logger.js';
import type { AttemptRecord, ClaimedDelivery } from './records.js';
import { remember } from './remember.js';
import { renderPayload } from './render-payload.js';
import { type Resolver, resolveTarget } from './resolve-target.js';
import type { DeliveryTransport, TransportResponse } from './transport.js';

/** What one HTTP attempt produced, before the retry policy decides what comes next. */
export interface AttemptResult {
  attempt: AttemptRecord;
  /** The receiver answered 410 Gone: disable the endpoint. */
  gone: boolean;
  /** A failure no retry can fix (payload too large after casting, cast unavailable). */
  permanent: boolean;
  /** `Retry-After` of a 429/503 in ms, when present. */
  retryAfter: string | null;
}

/** Settings an attempt needs. */
export interface AttemptSettings {
  allow: AllowOptions;
  resolve: Resolver;
  transport: DeliveryTransport;
  timeoutMs: number;
  maxPayloadBytes: number;
  excerptBytes: number;
  now: () => number;
}

/** Longest error text an attempt keeps (in its log row, the log line and operational events). */
const maxErrorChars = 1000;

/**
 * An attempt's error text as it is stored and logged: an error from the transport (a custom
 * `fetch` or `transport` may quote the whole URL, as node-fetch does) loses what logged URLs
 * lose (see `redactUrl`: the query, token-like path segments), and is cut at
 * {@link maxErrorChars}.
 */
function redactedError(text: string, raw: string): string {
  const secrets = urlSecrets(raw);
  let scrubbed = text;
  if (secrets.length > 0) {
    // The URL as configured and as a URL object prints it, whole; then its secrets anywhere.
    const forms = [raw];
    try {
      forms.push(new URL(raw).href);
    } catch {
      // Not a URL: the raw form is all there is.
    }
    for (const form of forms) scrubbed = scrubbed.split(form).join(redactUrl(raw));
    for (const secret of secrets) scrubbed = scrubbed.split(secret).join('…');
  }
  if (scrubbed.length <= maxErrorChars) return scrubbed;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(scrubbed[maxErrorChars - 1]!)
    ? maxErrorChars - 1
    : maxErrorChars;
  return `${scrubbed.slice(0, end)}…`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/** Endpoint URLs checked by `checkEndpointUrl`, per settings (the allow options are fixed). */
const checkedUrls = new WeakMap<AttemptSettings, Map<string, URL>>();

/** `checkEndpointUrl`, remembered: every attempt to an endpoint checks the same URL string. */
function checkedUrl(raw: string, settings: AttemptSettings): URL {
  let urls = checkedUrls.get(settings);
  if (!urls) {
    urls = new Map();
    checkedUrls.set(settings, urls);
  }
  return remember(urls, raw, () => checkEndpointUrl(raw, settings.allow), 1024);
}

/**
 * Renders, signs and POSTs one delivery: cast to the pinned version, check the target address,
 * sign with every active secret, send with the event id as `webhook-id`. Reports every failure
 * as an outcome; only a `settings.now` that throws makes it reject.
 */
export async function attemptDelivery(
  claim: ClaimedDelivery,
  settings: AttemptSettings,
): Promise<AttemptResult> {
  const { delivery, event, endpoint } = claim;
  const startedAt = settings.now();
  const started = performance.now();
  const base = { deliveryId: delivery.id, attempt: delivery.attempts + 1, startedAt };
  const failed = (
    error: string,
    extra: Partial<AttemptResult> = {},
    statusCode: number | null = null,
    excerpt: string | null = null,
  ): AttemptResult => ({
    attempt: {
      ...base,
      durationMs: Math.round(performance.now() - started),
      statusCode,
      responseExcerpt: excerpt,
      error,
      outcome: 'failed',
    },
    gone: false,
    permanent: false,
    retryAfter: null,
    ...extra,
  });

  let body: string;
  let version: number;
  try {
    ({ body, version } = renderPayload(event, endpoint, delivery.version));
  } catch (error) {
    return failed(`could not render the event for this endpoint: ${describe(error)}`, {
      permanent: true,
    });
  }
  if (Buffer.byteLength(body, 'utf8') > settings.maxPayloadBytes) {
    return failed(`payload is larger than maxPayloadBytes (${settings.maxPayloadBytes})`, {
      permanent: true,
    });
  }

  try {
    const url = checkedUrl(endpoint.url, settings);
    // One deadline for the whole attempt: resolving the host (held to timeoutMs where the
    // resolver is built, see createDispatcher) and the request share timeoutMs.
    const addresses = await resolveTarget(url, settings.allow, settings.resolve);
    const timeLeft = Math.floor(settings.timeoutMs - (performance.now() - started));
    if (timeLeft <= 0) {
      return failed(`no response within ${settings.timeoutMs} ms (resolving the host took it all)`);
    }
    const signature = signWebhookSync({
      id: event.id,
      timestamp: Math.floor(settings.now() / 1000),
      payload: body,
      secret: activeSecrets(endpoint, startedAt),
    });
    let response: TransportResponse;
    try {
      response = await settings.transport({
        url,
        address: addresses[0],
        addresses,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hookline-dispatcher',
          'x-webhook-version': String(version),
          ...signature,
        },
        body,
        timeoutMs: timeLeft,
        excerptBytes: settings.excerptBytes,
      });
    } catch (error) {
      // The transport timed out on what was left; the log names the attempt's timeout.
      if ((error as { code?: unknown } | null)?.code !== 'ETIMEDOUT') throw error;
      throw Object.assign(new Error(`no response within ${settings.timeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
    }
    const { status, excerpt } = response;
    if (status >= 200 && status < 300) {
      return {
        attempt: {
          ...base,
          durationMs: Math.round(performance.now() - started),
          statusCode: status,
          responseExcerpt: excerpt,
          error: null,
          outcome: 'succeeded',
        },
        gone: false,
        permanent: false,
        retryAfter: null,
      };
    }
    const reason =
      status >= 300 && status < 400
        ? `redirect (HTTP ${status}) not followed; point the endpoint at the final URL`
        : `receiver answered HTTP ${status}; only 2xx counts as delivered`;
    return failed(
      reason,
      {
        gone: status === 410,
        retryAfter: status === 429 || status === 503 ? response.retryAfter : null,
      },
      status,
      excerpt,
    );
  } catch (error) {
    return failed(redactedError(describe(error), endpoint.url));
  }
}
