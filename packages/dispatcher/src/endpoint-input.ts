import { eventVersions, isEventType } from '@hookline/events';
import { generateSecret } from '@hookline/signature';
import { isWebhookVerificationError, signWebhookSync } from '@hookline/signature/node';
import { type AllowOptions, checkEndpointUrl } from './address-policy.js';
import { createId } from './create-id.js';
import { DispatcherError } from './dispatcher-error.js';
import { describeInvalidFilter } from './event-filter.js';
import type { EndpointPatch, EndpointRecord } from './records.js';

/** What an endpoint is created from. */
export interface EndpointInput {
  /** Stable id; generated (`ep_...`) when omitted. */
  id?: string;
  /** Where deliveries are POSTed; `https:` unless `allow.http`. */
  url: string;
  /** `whsec_...` or `whsk_...`; a new `whsec_` secret is generated when omitted. */
  secret?: string;
  description?: string;
  /** Event names, `prefix.*` wildcards or `*`. Default `['*']`. */
  enabledEvents?: readonly string[];
  /** Version to deliver per event type (downcast/upcast at delivery); default the latest. */
  versions?: Readonly<Record<string, number>>;
  /** Deliver events with the same resource_id in order. Default: the dispatcher's `ordered`. */
  ordered?: boolean;
}

/** What an endpoint update may change. */
export type EndpointUpdate = Partial<Omit<EndpointInput, 'id' | 'secret'>>;

const secretPattern = /^(whsec|whsk)_[A-Za-z0-9+/=_-]{8,}$/;

function checkSecret(secret: string): string {
  if (!secretPattern.test(secret)) {
    throw new DispatcherError(
      'invalid_endpoint',
      'The endpoint secret must be a Standard Webhooks secret ("whsec_" + base64, or "whsk_" for Ed25519); omit it to have one generated.',
    );
  }
  // The signature package decides what it can sign with (base64 that decodes, a 32-byte
  // Ed25519 seed): signing once here turns a secret that would fail every delivery into an
  // error now. Its messages never quote the secret; the error is not kept as the cause.
  try {
    signWebhookSync({ id: 'msg_secret_check', timestamp: 0, payload: '', secret });
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    throw new DispatcherError(
      'invalid_endpoint',
      `The endpoint secret cannot sign webhooks: ${error.message} Pass a valid "whsec_"/"whsk_" secret, or omit it to have one generated.`,
    );
  }
  return secret;
}

function checkFilters(filters: readonly string[]): string[] {
  if (filters.length === 0) {
    throw new DispatcherError(
      'invalid_endpoint',
      'enabledEvents is empty; list event names, "prefix.*" wildcards, or "*" for everything.',
    );
  }
  for (const filter of filters) {
    const problem = describeInvalidFilter(filter);
    if (problem) throw new DispatcherError('invalid_endpoint', `enabledEvents: ${problem}.`);
  }
  return [...filters];
}

function checkVersions(versions: Readonly<Record<string, number>>): Record<string, number> {
  for (const [event, version] of Object.entries(versions)) {
    if (!isEventType(event)) {
      throw new DispatcherError(
        'invalid_endpoint',
        `versions: "${event}" is not an event type in the catalog.`,
      );
    }
    if (!eventVersions(event).includes(version)) {
      throw new DispatcherError(
        'invalid_endpoint',
        `versions: ${event} has no version ${version}; known versions are ${eventVersions(event).join(', ')}.`,
      );
    }
  }
  return { ...versions };
}

/** Validates input and builds a new endpoint record. */
export function buildEndpoint(
  input: EndpointInput,
  defaults: { ordered: boolean; allow: AllowOptions; now: number },
): EndpointRecord {
  checkEndpointUrl(input.url, defaults.allow);
  const { now } = defaults;
  return {
    id: input.id ?? createId('ep', now),
    url: input.url,
    description: input.description ?? '',
    secrets: [
      { secret: checkSecret(input.secret ?? generateSecret()), createdAt: now, expiresAt: null },
    ],
    enabledEvents: checkFilters(input.enabledEvents ?? ['*']),
    versions: checkVersions(input.versions ?? {}),
    ordered: input.ordered ?? defaults.ordered,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Validates an update into a store patch. */
export function buildEndpointPatch(update: EndpointUpdate, allow: AllowOptions): EndpointPatch {
  const patch: EndpointPatch = {};
  if (update.url !== undefined) {
    checkEndpointUrl(update.url, allow);
    patch.url = update.url;
  }
  if (update.description !== undefined) patch.description = update.description;
  if (update.enabledEvents !== undefined) patch.enabledEvents = checkFilters(update.enabledEvents);
  if (update.versions !== undefined) patch.versions = checkVersions(update.versions);
  if (update.ordered !== undefined) patch.ordered = update.ordered;
  return patch;
}

/** The secret list after a rotation: expired ones dropped, current ones expiring after `graceMs`. */
export function rotateSecrets(
  endpoint: EndpointRecord,
  secret: string,
  graceMs: number,
  now: number,
): EndpointRecord['secrets'] {
  const kept = endpoint.secrets
    .filter((s) => s.expiresAt === null || s.expiresAt > now)
    .map((s) => ({
      ...s,
      expiresAt: Math.min(s.expiresAt ?? Number.POSITIVE_INFINITY, now + graceMs),
    }));
  return [...kept, { secret, createdAt: now, expiresAt: null }];
}

/** The secret a rotation adds: `given`, checked, or a new one. */
export function nextSecret(given: string | undefined): string {
  return checkSecret(given ?? generateSecret());
}

/** Secrets that sign at `now`: the current one and any still within their grace period. */
export function activeSecrets(endpoint: EndpointRecord, now: number): string[] {
  return endpoint.secrets
    .filter((s) => s.expiresAt === null || s.expiresAt > now)
    .map((s) => s.secret);
}
