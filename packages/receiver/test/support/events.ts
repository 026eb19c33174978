import { type AnyEvent, getEventDefinition } from '@hookline/events';
import type { NewInboxEntry } from '../../src/index.js';

let counter = 0;

/** A fresh, valid event id (unique per call within a test run). */
export function freshId(): string {
  counter += 1;
  return `evt_t${Date.now().toString(36)}${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The catalog's example for an event type and version, with a fresh id. */
export function exampleEvent(event: string, version: number, id = freshId()): AnyEvent {
  const definition = getEventDefinition(event as never, version as never);
  if (!definition) throw new Error(`no catalog entry for ${event} v${version}`);
  return { ...(definition as { example: AnyEvent }).example, id } as AnyEvent;
}

/** `event` as the inbox stores a push received at `receivedAt` (claimed by `claim`, when given). */
export function inboxEntry(
  event: AnyEvent,
  receivedAt: number,
  claim?: NewInboxEntry['claim'],
): NewInboxEntry {
  const entry: NewInboxEntry = {
    id: event.id,
    event: event.event,
    version: event.version,
    payload: JSON.stringify(event),
    source: 'push',
    receivedAt,
  };
  if (claim) entry.claim = claim;
  return entry;
}
