import { type AnyEvent, eventCatalog } from '@hookline/events';
import type { PublishInput } from '../../src/index.js';

/**
 * The catalog's realistic example of an event type (latest version unless given), without id
 * and timestamp so that publish fills them in; `resourceId` overrides resource_id.
 */
export function draftEvent(event: string, version?: number, resourceId?: string): PublishInput {
  const candidates = eventCatalog.filter((entry) => entry.event === event);
  const entry =
    version === undefined
      ? candidates[candidates.length - 1]
      : candidates.find((candidate) => candidate.version === version);
  if (!entry) throw new Error(`no catalog example for ${event} v${version}`);
  const { id: _id, timestamp: _ts, ...rest } = structuredClone(entry.example) as AnyEvent;
  return (resourceId === undefined ? rest : { ...rest, resource_id: resourceId }) as PublishInput;
}
