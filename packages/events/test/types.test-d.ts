import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnyEvent,
  type AnyVersionOf,
  castEvent,
  downcast,
  type EventMap,
  type EventMetadata,
  type EventOf,
  type EventType,
  type EventVersion,
  eventCatalog,
  eventJsonSchemas,
  getEventDefinition,
  type HooklineEventErrorCode,
  type LatestVersion,
  latestVersion,
  parseEvent,
  parseEventOrThrow,
  upcast,
} from '../src/index.js';

describe('EventType / EventVersion / LatestVersion', () => {
  it('lists exactly the catalog names', () => {
    expectTypeOf<EventType>().toEqualTypeOf<
      | 'user.created'
      | 'user.login'
      | 'user.deleted'
      | 'password_reset.requested'
      | 'mfa.verified'
      | 'session.revoked'
      | 'checkout.completed'
      | 'payment.succeeded'
      | 'payment.failed'
      | 'subscription.created'
      | 'subscription.cancelled'
    >();
  });

  it('knows the versions of each type and the latest one', () => {
    expectTypeOf<EventVersion<'user.login'>>().toEqualTypeOf<1 | 2>();
    expectTypeOf<EventVersion<'payment.succeeded'>>().toEqualTypeOf<1 | 2>();
    expectTypeOf<EventVersion<'session.revoked'>>().toEqualTypeOf<1>();
    expectTypeOf<LatestVersion<'user.login'>>().toEqualTypeOf<2>();
    expectTypeOf<LatestVersion<'user.created'>>().toEqualTypeOf<1>();
    expectTypeOf(latestVersion('payment.succeeded')).toEqualTypeOf<2>();
  });
});

describe('EventOf / EventMap', () => {
  it('gives the envelope of one type and version, defaulting to the latest', () => {
    expectTypeOf<EventOf<'user.login', 1>['metadata']>().toEqualTypeOf<{
      ip_address: string;
      user_agent: string;
    }>();
    expectTypeOf<EventOf<'user.login'>>().toEqualTypeOf<EventOf<'user.login', 2>>();
    expectTypeOf<EventOf<'user.login', 2>['metadata']['client']>().toEqualTypeOf<{
      ip_address: string;
      user_agent: string;
    }>();
    expectTypeOf<EventOf<'payment.succeeded', 2>['metadata']['amount']>().toEqualTypeOf<{
      value: number;
      currency: string;
    }>();
    expectTypeOf<EventOf<'payment.succeeded', 1>['metadata']['amount']>().toEqualTypeOf<number>();
    expectTypeOf<EventOf<'payment.succeeded', 2>['event']>().toEqualTypeOf<'payment.succeeded'>();
    expectTypeOf<EventOf<'payment.succeeded', 2>['version']>().toEqualTypeOf<2>();
    expectTypeOf<EventMap['user.login'][1]>().toEqualTypeOf<EventOf<'user.login', 1>>();
    expectTypeOf<EventMap['mfa.verified'][1]['metadata']['factor_type']>().toEqualTypeOf<
      'totp' | 'sms' | 'email' | 'webauthn' | 'push' | 'recovery_code'
    >();
    expectTypeOf<EventMetadata<'session.revoked'>['ip_address']>().toEqualTypeOf<string | null>();
  });

  it('defaults to the latest version of each member of a union of types', () => {
    expectTypeOf<EventOf<'user.login' | 'user.created'>>().toEqualTypeOf<
      EventOf<'user.login', 2> | EventOf<'user.created', 1>
    >();
    // Written out, the default means the same.
    expectTypeOf<
      EventOf<'user.login' | 'user.created', LatestVersion<'user.login' | 'user.created'>>
    >().toEqualTypeOf<EventOf<'user.login', 2> | EventOf<'user.created', 1>>();
    expectTypeOf<EventMetadata<'user.login' | 'user.created'>>().toEqualTypeOf<
      EventOf<'user.login', 2>['metadata'] | EventOf<'user.created', 1>['metadata']
    >();
    expectTypeOf<AnyVersionOf<'user.login' | 'user.created'>>().toEqualTypeOf<
      EventOf<'user.login', 1> | EventOf<'user.login', 2> | EventOf<'user.created', 1>
    >();
  });

  it('rejects names and versions that do not exist', () => {
    // @ts-expect-error: there is no user.logout event
    type NoSuchEvent = EventOf<'user.logout'>;
    // @ts-expect-error: user.login has no version 3
    type NoSuchVersion = EventOf<'user.login', 3>;
    // @ts-expect-error: session.revoked has only version 1
    type NoSuchVersion2 = EventOf<'session.revoked', 2>;
    expectTypeOf<NoSuchEvent | NoSuchVersion | NoSuchVersion2>().not.toBeAny();
  });

  it('rejects metadata fields of another version', () => {
    const login = {} as EventOf<'user.login', 2>;
    // @ts-expect-error: ip_address moved under client in v2
    login.metadata.ip_address;
    const payment = {} as EventOf<'payment.succeeded', 1>;
    // @ts-expect-error: v1 has amount as a number and no fee
    payment.metadata.fee;
    // @ts-expect-error: v1's amount is a number, not { value, currency }
    payment.metadata.amount.value;
    expectTypeOf(login.metadata.client.ip_address).toBeString();
  });
});

describe('AnyEvent and parse results', () => {
  it('narrows by event and then by version', () => {
    const result = parseEvent('{}');
    if (!result.ok) {
      expectTypeOf(result.error.code).toEqualTypeOf<HooklineEventErrorCode>();
      return;
    }
    expectTypeOf(result.event).toEqualTypeOf<AnyEvent>();
    const event = result.event;
    if (event.event === 'user.login') {
      expectTypeOf(event.version).toEqualTypeOf<1 | 2>();
      if (event.version === 1) {
        expectTypeOf(event.metadata).toEqualTypeOf<{ ip_address: string; user_agent: string }>();
      } else {
        expectTypeOf(event.metadata.method).toEqualTypeOf<
          'password' | 'oauth' | 'passkey' | 'magic_link' | 'sso' | 'otp' | 'unknown'
        >();
      }
    }
    if (event.event === 'payment.succeeded' && event.version === 2) {
      expectTypeOf(event).toEqualTypeOf<EventOf<'payment.succeeded', 2>>();
    }
    expectTypeOf(parseEventOrThrow('{}')).toEqualTypeOf<AnyEvent>();
  });

  it('AnyEvent is the union of every EventOf', () => {
    expectTypeOf<EventOf<'user.created', 1>>().toExtend<AnyEvent>();
    expectTypeOf<EventOf<'payment.succeeded', 1>>().toExtend<AnyEvent>();
    expectTypeOf<Extract<AnyEvent, { event: 'user.login' }>>().toEqualTypeOf<
      EventOf<'user.login', 1> | EventOf<'user.login', 2>
    >();
  });
});

describe('castEvent', () => {
  it('returns the envelope of the requested version', () => {
    const v1 = {} as EventOf<'user.login', 1>;
    expectTypeOf(castEvent(v1, 2)).toEqualTypeOf<EventOf<'user.login', 2>>();
    expectTypeOf(castEvent(castEvent(v1, 2), 1)).toEqualTypeOf<EventOf<'user.login', 1>>();
    expectTypeOf(upcast({} as EventOf<'payment.succeeded', 1>)).toEqualTypeOf<
      EventOf<'payment.succeeded', 2>
    >();
  });

  it('refuses versions the event type does not have', () => {
    const v1 = {} as EventOf<'user.login', 1>;
    // @ts-expect-error: user.login has no version 3
    castEvent(v1, 3);
    const created = {} as EventOf<'user.created', 1>;
    // @ts-expect-error: user.created has only version 1
    castEvent(created, 2);
    // @ts-expect-error: not an event
    castEvent({ event: 'user.login', version: 1 }, 2);
  });

  it('upcasts a union of types to the latest version of each', () => {
    const latest = upcast({} as AnyEvent);
    if (latest.event === 'user.login') {
      expectTypeOf(latest).toEqualTypeOf<EventOf<'user.login', 2>>();
    }
    expectTypeOf(upcast({} as EventOf<'user.login', 1> | EventOf<'user.created', 1>)).toEqualTypeOf<
      EventOf<'user.login', 2> | EventOf<'user.created', 1>
    >();
  });
});

describe('catalog lookups', () => {
  it('types a definition looked up by literal name and version', () => {
    const definition = getEventDefinition('payment.succeeded', 2);
    expectTypeOf(definition?.example).toEqualTypeOf<EventOf<'payment.succeeded', 2> | undefined>();
    expectTypeOf(eventCatalog[0].event).toEqualTypeOf<'user.created'>();
  });
});

describe('eventJsonSchemas', () => {
  it('is keyed by exactly the existing contracts', () => {
    expectTypeOf<keyof typeof eventJsonSchemas>().toEqualTypeOf<
      | 'user.created.v1'
      | 'user.login.v1'
      | 'user.login.v2'
      | 'user.deleted.v1'
      | 'password_reset.requested.v1'
      | 'mfa.verified.v1'
      | 'session.revoked.v1'
      | 'checkout.completed.v1'
      | 'payment.succeeded.v1'
      | 'payment.succeeded.v2'
      | 'payment.failed.v1'
      | 'subscription.created.v1'
      | 'subscription.cancelled.v1'
    >();
    // @ts-expect-error: there is no user.login v3 schema
    eventJsonSchemas['user.login.v3'];
  });
});

describe('castEvent on a union of versions', () => {
  it('accepts any version of one type and returns the requested one', () => {
    const either = {} as EventOf<'user.login', 1> | EventOf<'user.login', 2>;
    expectTypeOf(castEvent(either, 1)).toEqualTypeOf<EventOf<'user.login', 1>>();
  });
});

describe('castEvent and downcast on a union of event types', () => {
  it('accept only a version that every member of the union has', () => {
    const any = {} as AnyEvent;
    // @ts-expect-error: user.created (like most types) has no version 2: narrow on event first
    castEvent(any, 2);
    const loginOrCreated = {} as EventOf<'user.login', 2> | EventOf<'user.created', 1>;
    // @ts-expect-error: user.created has no version 2
    castEvent(loginOrCreated, 2);
    // @ts-expect-error: user.created has no version 2
    downcast(loginOrCreated, 2);
  });

  it('type the result per member when every member has the version', () => {
    const loginOrPayment = {} as EventOf<'user.login', 1> | EventOf<'payment.succeeded', 1>;
    expectTypeOf(castEvent(loginOrPayment, 2)).toEqualTypeOf<
      EventOf<'user.login', 2> | EventOf<'payment.succeeded', 2>
    >();
    expectTypeOf(
      downcast({} as EventOf<'user.login', 2> | EventOf<'user.created', 1>, 1),
    ).toEqualTypeOf<EventOf<'user.login', 1> | EventOf<'user.created', 1>>();
    expectTypeOf(castEvent({} as AnyEvent, 1).version).toEqualTypeOf<1>();
  });
});
