import {
  type AnyEvent,
  castEvent,
  type EventOf,
  type EventType,
  type EventVersion,
  type LatestVersion,
} from '@hookline/events';
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

type Registered = {
  version: number | undefined;
  run: (event: AnyEvent, context: HandlerContext) => unknown;
};

/** Handlers by event name, plus catch-all handlers. */
export class HandlerRegistry {
  readonly #byEvent = new Map<string, Registered[]>();
  readonly #any: Registered[] = [];

  /** Registers a handler (`event` undefined: catch-all); returns its unsubscribe function. */
  add(event: string | undefined, version: number | undefined, run: Registered['run']): () => void {
    const entry: Registered = { version, run };
    const list = event === undefined ? this.#any : this.#listFor(event);
    list.push(entry);
    return () => {
      const index = list.indexOf(entry);
      if (index !== -1) list.splice(index, 1);
    };
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

  #listFor(event: string): Registered[] {
    let list = this.#byEvent.get(event);
    if (!list) {
      list = [];
      this.#byEvent.set(event, list);
    }
    return list;
  }
}
