import { type EventType, eventTypes, eventVersions, latestVersion } from '@hookline/events';
import { PlatformError } from '../platform-error.js';

/** An endpoint's (or the account's default) version policy, as the API describes it. */
export interface VersionPolicy {
  api_version: number | null;
  event_versions: Partial<Record<EventType, number>>;
}

/** The version of `type` an endpoint with `policy` receives. */
export function versionFor(type: EventType, policy: VersionPolicy): number {
  const pinned = policy.event_versions[type];
  if (pinned !== undefined) return pinned;
  if (policy.api_version === null) return latestVersion(type);
  const versions = eventVersions(type);
  const atMost = versions.filter((v) => v <= (policy.api_version as number));
  return atMost.length > 0 ? Math.max(...atMost) : Math.min(...versions);
}

/**
 * The dispatcher's per-type `versions` map of a policy: every type whose version is not the
 * latest is pinned (the dispatcher sends the latest version of unlisted types).
 */
export function dispatcherVersions(policy: VersionPolicy): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const type of eventTypes) {
    const version = versionFor(type, policy);
    if (version !== latestVersion(type) || policy.event_versions[type] !== undefined) {
      versions[type] = version;
    }
  }
  return versions;
}

/** Rejects a version of `type` the catalog does not have (the dispatcher would refuse it). */
export function checkVersion(type: EventType, version: number, path: string): void {
  const known = eventVersions(type);
  if (!known.includes(version)) {
    const message = `${type} has no version ${version}; known versions are ${known.join(', ')}`;
    throw new PlatformError('invalid_request', `${path}: ${message}.`, {
      errors: [{ path, message }],
    });
  }
}

/** Rejects pins of versions the catalog does not have. */
export function checkPins(pins: Partial<Record<EventType, number>>, field: string): void {
  for (const [type, version] of Object.entries(pins) as [EventType, number][]) {
    checkVersion(type, version, `${field}.${type}`);
  }
}
