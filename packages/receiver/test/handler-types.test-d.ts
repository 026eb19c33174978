import type { AnyEvent, EventOf } from '@hookline/events';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createReceiver,
  type HandlerContext,
  type ProviderEvent,
  type Receiver,
} from '../src/index.js';

declare const receiver: Receiver;

describe('handler types', () => {
  it('infers the latest version from the event name', () => {
    receiver.on('payment.succeeded', (event, context) => {
      expectTypeOf(event).toEqualTypeOf<EventOf<'payment.succeeded', 2>>();
      expectTypeOf(event.metadata.amount.value).toBeNumber();
      expectTypeOf(context).toEqualTypeOf<HandlerContext>();
      // @ts-expect-error v2 has no flat `currency` field
      event.metadata.currency;
    });
  });

  it('types a pinned version', () => {
    receiver.on('payment.succeeded', { version: 1 }, (event) => {
      expectTypeOf(event).toEqualTypeOf<EventOf<'payment.succeeded', 1>>();
      expectTypeOf(event.metadata.amount).toBeNumber();
      // @ts-expect-error v1 has no statement_descriptor
      event.metadata.statement_descriptor;
    });
    receiver.on('user.login', { version: 1 }, (event) => {
      expectTypeOf(event.metadata.ip_address).toBeString();
    });
  });

  it('rejects unknown event names and versions', () => {
    // @ts-expect-error not in the catalog
    receiver.on('payment.teleported', () => {});
    // @ts-expect-error payment.succeeded has no version 3
    receiver.on('payment.succeeded', { version: 3 }, () => {});
    // @ts-expect-error user.created has a single version
    receiver.on('user.created', { version: 2 }, () => {});
  });

  it('lets sync handlers return a JSON body or a Response, and onAny see the union', () => {
    receiver.on('user.created', () => ({ is_allowed: false, reason: 'blocked' }));
    receiver.on('user.created', () => new Response(null, { status: 204 }));
    receiver.on('user.created', async () => {});
    // @ts-expect-error a bare string is not a JSON object body
    receiver.on('user.created', () => 'nope');
    receiver.onAny((event) => {
      expectTypeOf(event).toEqualTypeOf<AnyEvent>();
    });
  });

  it('gives provider handlers { id, type, payload: unknown } and keeps them apart from on()', () => {
    receiver.onProvider('payment_intent.succeeded', (event, context) => {
      expectTypeOf(event).toEqualTypeOf<ProviderEvent>();
      expectTypeOf(event.payload).toBeUnknown();
      expectTypeOf(context).toEqualTypeOf<HandlerContext>();
      return { ok: true };
    });
    // @ts-expect-error a provider type is not a Hookline event name for the typed on()
    receiver.on('payment_intent.succeeded', () => {});
    createReceiver({ secret: 'whsec_a', scheme: 'stripe', parse: 'provider' });
    createReceiver({
      secret: 'whsec_a',
      parse: (_body, headers) => ({ id: headers.get('webhook-id') ?? undefined, type: 'x' }),
    });
    // @ts-expect-error the parse function must return an object with id / type
    createReceiver({ secret: 'whsec_a', parse: () => 'stripe' });
    // @ts-expect-error unknown format name
    createReceiver({ secret: 'whsec_a', parse: 'stripe' });
  });

  it('requires a secret', () => {
    // @ts-expect-error secret is required
    createReceiver({});
    expectTypeOf(createReceiver({ secret: ['whsec_a', 'whsec_b'] })).toEqualTypeOf<Receiver>();
  });
});
