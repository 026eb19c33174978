import type { EndpointPatch, EndpointRecord } from './records.js';

/**
 * The endpoint after `patch` (an object, or a function of the current endpoint) at `now`, as
 * every store applies it: keys set to `undefined` leave the field as it was.
 */
export function patchedEndpoint(
  current: EndpointRecord,
  patch: EndpointPatch | ((current: EndpointRecord) => EndpointPatch),
  now: number,
): EndpointRecord {
  const changes = typeof patch === 'function' ? patch(structuredClone(current)) : patch;
  const next: EndpointRecord = { ...current, updatedAt: now };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
