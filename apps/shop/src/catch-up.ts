import type { HooklineClient } from '@hookline/client';
import type { CatchUpResult, Receiver } from '@hookline/receiver';
import type { ShopStore } from './shop-store.js';

const cursorKey = 'events_cursor';

/** What one catch-up did, plus the cursor it started from and ended at. */
export interface CatchUpReport extends CatchUpResult {
  from: string | null;
  to: string | null;
  at: string;
}

/**
 * Pulls the events published after the stored cursor (`GET /v1/events`) and feeds them through
 * the receiver's dedupe and handlers: what the shop missed while it was down is handled once,
 * and whatever it already got by push is a duplicate. The cursor (the last event id fed) is
 * saved as the walk goes, so a catch-up cut short resumes where it stopped.
 */
export async function catchUpMissedEvents(
  client: HooklineClient,
  receiver: Receiver,
  store: ShopStore,
): Promise<CatchUpReport> {
  const from = store.getSetting(cursorKey) ?? null;
  let to = from;
  async function* tracked() {
    for await (const event of client.eventsSince(from, { pageSize: 100 })) {
      yield event;
      // Resumed only once the receiver has stored `event` (in its durable inbox).
      to = event.id;
      store.setSetting(cursorKey, event.id);
    }
  }
  const result = await receiver.catchUp(tracked());
  return { ...result, from, to, at: new Date().toISOString() };
}

/**
 * Starts the catch-up cursor at the platform's newest event, for a shop about to create its
 * endpoint: events published before the endpoint existed were never meant for it, so they do
 * not count as missed. Does nothing when a cursor is stored already (the shop caught up before;
 * what it missed since still counts). The API lists events oldest first only, so this pages
 * through the history once, without handling any of it.
 */
export async function startCursorAtNewestEvent(
  client: HooklineClient,
  store: ShopStore,
): Promise<void> {
  if (store.getSetting(cursorKey) !== undefined) return;
  let newest: string | undefined;
  for await (const event of client.eventsSince(null, { pageSize: 100 })) newest = event.id;
  if (newest !== undefined) store.setSetting(cursorKey, newest);
}
