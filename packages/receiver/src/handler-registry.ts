import {
  type AnyEvent,
  castEvent,
  type EventOf,
  type EventType,
  type EventVersion,
  type LatestVersion,
} from '@hookline/events';
import type { ProviderEvent } from './provider-event.js';
import type { InboxSource } from './store.js';

/** What a handler learns about the delivery besides the event itself. */
export interface HandlerContext {
  /** The event id (the dedupe key). */
  id: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** `push` for a signed delivery, `pull` for catch-up. */
  source: InboxSource;
  /** When the event entered the inbox. */
  receivedAt: Date;
}

/**
 * What a handler may return. Only sync mode uses it: a `Response` is sent as is, any other
 * value is sent as a JSON body with status 200 (blocking hooks: `{ is_allowed: false }`).
 */
export type HandlerResult =
  | undefined
  | Response
  | { readonly [key: string]: unknown }
  | readonly unknown[];

/** A typed handler for one event name at one version. */
export type EventHandler<T extends EventType, V extends EventVersion<T> = LatestVersion<T>> = (
  event: EventOf<T, V>,
  context: HandlerContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is the common case
) => HandlerResult | void | Promise<HandlerResult | void>;

/** A handler for every event, as received (no version cast). */
export type AnyEventHandler = (
  event: AnyEvent,
  context: HandlerContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is the common case
) => HandlerResult | void | Promise<HandlerResult | void>;

/** A handler for provider-native events (see `receiver.onProvider`). */
export type ProviderEventHandler = (
  event: ProviderEvent,
  context: HandlerContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is the common case
) => HandlerResult | void | Promise<HandlerResult | void>;

type Registered = {
  version: number | undefined;
  run: (event: AnyEvent, context: HandlerContext) => unknown;
};

/** Handlers by event name, plus catch-all handlers. */
export class HandlerRegistry {
  readonly #byEvent = new Map<string, Registered[]>();
  readonly #any: Registered[] = [];
  readonly #byType = new Map<string, ProviderEventHandler[]>();

  /** Registers a provider-event handler for `type` (`'*'`: every type); returns its unsubscribe function. */
  addProvider(type: string, run: ProviderEventHandler): () => void {
    return pushRemovable(listIn(this.#byType, type), run);
  }

  /**
   * Runs the provider handlers matching `event.type` — exact type first, then each shorter
   * prefix at a dot (`issues` sees `issues.opened`), then `'*'` — in registration order.
   * Returns the first value a handler returned; the first throw propagates.
   */
  async dispatchProvider(event: ProviderEvent, context: HandlerContext): Promise<HandlerResult> {
    let result: HandlerResult;
    // Copies: a handler that unsubscribes (or adds one) does not change this delivery's run.
    for (const list of this.#providerLists(event.type).map((l) => [...l])) {
      for (const handler of list) {
        const value = (await handler(event, context)) as HandlerResult;
        if (result === undefined && value !== undefined) result = value;
      }
    }
    return result;
  }

  /** True when a provider handler (exact, a dot prefix, or `'*'`) would see `type`. */
  handlesProvider(type: string): boolean {
    return this.#providerLists(type).length > 0;
  }

  /** The non-empty handler lists `type` reaches, in run order: exact, each dot prefix, `'*'`. */
  #providerLists(type: string): ProviderEventHandler[][] {
    const lists: ProviderEventHandler[][] = [];
    let key = type;
    for (;;) {
      const list = this.#byType.get(key);
      if (list?.length) lists.push(list);
      const dot = key.lastIndexOf('.');
      if (dot <= 0) break;
      key = key.slice(0, dot);
    }
    if (type !== '*') {
      const wildcard = this.#byType.get('*');
      if (wildcard?.length) lists.push(wildcard);
    }
    return lists;
  }

  /** True when a typed handler for `event` or a catch-all handler is registered. */
  handles(event: string): boolean {
    return this.#any.length > 0 || (this.#byEvent.get(event)?.length ?? 0) > 0;
  }

  /** Registers a handler (`event` undefined: catch-all); returns its unsubscribe function. */
  add(event: string | undefined, version: number | undefined, run: Registered['run']): () => void {
    const list = event === undefined ? this.#any : listIn(this.#byEvent, event);
    return pushRemovable(list, { version, run });
  }

  /**
   * Runs every matching handler in registration order (typed handlers first, then catch-all),
   * each with the event cast to the version it asked for (latest when unspecified). Returns
   * the first value a handler returned. The first throw stops the run and propagates.
   */
  async dispatch(event: AnyEvent, context: HandlerContext): Promise<HandlerResult> {
    let result: HandlerResult;
    for (const handler of [...(this.#byEvent.get(event.event) ?? []), ...this.#any]) {
      const input =
        handler.version === undefined || handler.version === event.version
          ? event
          : (castEvent(event as never, handler.version as never) as AnyEvent);
      const value = (await handler.run(input, context)) as HandlerResult;
      if (result === undefined && value !== undefined) result = value;
    }
    return result;
  }
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function pushRemovable<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const index = list.indexOf(item);
    if (index !== -1) list.splice(index, 1);
  };
}
