import type pg from 'pg';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  type PublishInput,
  type PublishResult,
} from '../src/index.js';
import { createPostgresStore, type PostgresQueryable } from '../src/postgres/index.js';
import { createSqliteStore, type SqliteDatabase } from '../src/sqlite/index.js';

describe('types', () => {
  it('types the transaction handle after the store', () => {
    const sqlite = createDispatcher({ store: createSqliteStore({ path: ':memory:' }) });
    expectTypeOf(sqlite.publish)
      .parameter(1)
      .toEqualTypeOf<
        { tx?: SqliteDatabase; endpointIds?: readonly string[]; version?: number } | undefined
      >();
    const postgres = createDispatcher({
      store: createPostgresStore({ connectionString: 'postgres://x/y' }),
    });
    expectTypeOf<pg.PoolClient>().toMatchTypeOf<PostgresQueryable>();
    expectTypeOf(postgres.publish)
      .parameter(1)
      .toEqualTypeOf<
        { tx?: PostgresQueryable; endpointIds?: readonly string[]; version?: number } | undefined
      >();
    const memory = createDispatcher({ store: createMemoryStore() });
    expectTypeOf(memory.publish).returns.resolves.toEqualTypeOf<PublishResult>();
    // Compile-time only: never called.
    const _misuse = () => {
      // @ts-expect-error: the memory store cannot join a transaction
      void memory.publish({} as PublishInput, { tx: {} });
    };
    expectTypeOf(_misuse).toBeFunction();
  });

  it('checks metadata against the event type and version at compile time', () => {
    const memory = createDispatcher({ store: createMemoryStore() });
    const publishOnly = (input: PublishInput) => memory.publish(input);
    expectTypeOf(publishOnly).toBeFunction();
    // Compile-time only: never called.
    const _misuse = () => {
      // @ts-expect-error: not an event type
      void memory.publish({ event: 'no.such', resource_id: 'x', metadata: {} });
      void memory.publish({
        event: 'user.login',
        version: 2,
        resource_id: 'usr_1',
        // @ts-expect-error: user.login v2 metadata has no top-level ip_address
        metadata: { ip_address: '1.2.3.4' },
      });
    };
    expectTypeOf(_misuse).toBeFunction();
  });
});
