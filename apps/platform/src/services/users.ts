import type { User } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import type { Queryable } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import { hashPassword } from '../password.js';
import type { PlatformContext } from '../platform-context.js';
import { notFound, PlatformError } from '../platform-error.js';
import { expireCheckoutsOfUser } from './checkout.js';
import { paginate, parseJson } from './paginate.js';
import { revokeSessionsOfUser } from './sessions.js';
import { cancelSubscriptionsOfUser } from './subscriptions.js';

/** A row of `platform_users`. */
export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  name: string | null;
  email_verified: number;
  customer_id: string;
  created_at: string;
  metadata: string;
}

/** The API shape of a user row. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    email_verified: row.email_verified === 1,
    customer_id: row.customer_id,
    created_at: row.created_at,
    metadata: parseJson(row.metadata),
  };
}

/** The user with `id`, or a 404. */
export async function mustGetUser(db: Queryable, id: string): Promise<UserRow> {
  const row = await db.get<UserRow>('SELECT * FROM platform_users WHERE id = ?', [id]);
  if (!row) throw notFound('user', id, '/v1/users');
  return row;
}

/** The user named by a request body's `user_id`, or a 400 on that field. */
export async function mustGetUserField(db: Queryable, id: string): Promise<UserRow> {
  const row = await db.get<UserRow>('SELECT * FROM platform_users WHERE id = ?', [id]);
  if (!row) {
    throw new PlatformError(
      'invalid_request',
      `body.user_id: no user has the id ${id}. Create the user first (POST /v1/users) or fix the id.`,
      { errors: [{ path: 'body.user_id', message: `no user has the id ${id}` }] },
    );
  }
  return row;
}

/** Users: create (emits `user.created`), list, get, delete (emits `user.deleted`). */
export function createUserHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'createUser' | 'listUsers' | 'getUser' | 'deleteUser'> {
  return {
    async createUser({ body }) {
      const passwordHash = await hashPassword(body.password, ctx.passwordCost);
      return ctx.write(async (tx, emit) => {
        // Emails are compared without case: Ada@Example.com and ada@example.com are one person.
        const taken = await tx.get('SELECT id FROM platform_users WHERE lower(email) = lower(?)', [
          body.email,
        ]);
        if (taken) {
          throw new PlatformError(
            'conflict',
            `A user with the email ${body.email} already exists. Log in instead, or use another email.`,
          );
        }
        const now = ctx.now();
        const row: UserRow = {
          id: createId('usr', now),
          email: body.email,
          password_hash: passwordHash,
          name: body.name ?? null,
          email_verified: 0,
          customer_id: createId('cus', now),
          created_at: isoSeconds(now),
          metadata: JSON.stringify(body.metadata ?? {}),
        };
        await tx.run(
          'INSERT INTO platform_users (id, email, password_hash, name, email_verified, customer_id, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            row.id,
            row.email,
            row.password_hash,
            row.name,
            row.email_verified,
            row.customer_id,
            row.created_at,
            row.metadata,
          ],
        );
        await emit({
          event: 'user.created',
          resource_id: row.id,
          metadata: {
            email: row.email,
            email_verified: false,
            name: row.name,
            source: 'admin',
            signup_method: 'password',
            oauth_provider: null,
            locale: null,
            ip_address: null,
            user_agent: null,
          },
        });
        return toUser(row);
      });
    },
    listUsers: ({ query }) =>
      paginate(ctx.db, {
        table: 'platform_users',
        where: { customer_id: query.customer_id },
        conditions:
          query.email === undefined
            ? []
            : [{ sql: 'lower(email) = lower(?)', params: [query.email] }],
        limit: query.limit,
        startingAfter: query.starting_after,
        map: toUser,
      }),
    async getUser({ params }) {
      return toUser(await mustGetUser(ctx.db, params.user_id));
    },
    deleteUser: ({ params }) =>
      ctx.write(async (tx, emit) => {
        const user = await mustGetUser(tx, params.user_id);
        await revokeSessionsOfUser(ctx, tx, emit, user.id);
        // Nothing of theirs keeps running or stays payable: their subscriptions end now and
        // their open checkouts expire (paying one would invent a customer for nobody).
        await cancelSubscriptionsOfUser(ctx, tx, emit, user.id);
        await expireCheckoutsOfUser(tx, user.id, ctx.now());
        await tx.run('DELETE FROM platform_users WHERE id = ?', [user.id]);
        await emit({
          event: 'user.deleted',
          resource_id: user.id,
          metadata: {
            deleted_by: 'admin',
            actor_id: null,
            reason: 'admin_action',
            hard_delete: true,
          },
        });
        return { id: user.id, deleted: true as const };
      }),
  };
}
