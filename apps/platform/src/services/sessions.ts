import { getEventDefinition } from '@hookline/events';
import type { Session } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import { cutText } from '../cut-text.js';
import type { Transaction } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import { hashPassword, verifyPassword } from '../password.js';
import type { EventDraft, PlatformContext } from '../platform-context.js';
import { notFound, PlatformError } from '../platform-error.js';
import { paginate } from './paginate.js';
import type { UserRow } from './users.js';

/** A row of `platform_sessions`. */
interface SessionRow {
  id: string;
  user_id: string;
  status: string;
  ip_address: string | null;
  user_agent: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** The API shape of a session row; an active session past `expires_at` reads as `expired`. */
function toSession(row: SessionRow, now: number): Session {
  const expired = row.status === 'active' && Date.parse(row.expires_at) <= now;
  return {
    id: row.id,
    user_id: row.user_id,
    status: expired ? 'expired' : (row.status as Session['status']),
    ip_address: row.ip_address,
    user_agent: row.user_agent,
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
  };
}

/** The `client` of `user.login` at its latest version: the contract of both fields. */
const loginClient = getEventDefinition('user.login', 2)?.metadata.shape.client.shape;
if (!loginClient) throw new Error('the event catalog has no user.login v2');

/** Longest `user_agent` `user.login` carries (its contract's `client.user_agent`: 1024). */
const userAgentMax = loginClient.user_agent.maxLength ?? 1024;

/**
 * The socket's address as events carry it: `::ffff:127.0.0.1` -> `127.0.0.1` (node reports
 * IPv4 clients of a dual-stack socket so); an address the events' contract refuses (an IPv6
 * zone id, `fe80::1%eth0`) is none.
 */
function plainIp(ip: string | null): string | null {
  const plain = ip?.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  if (plain == null) return null;
  return loginClient?.ip_address.safeParse(plain).success ? plain : null;
}

/**
 * The `User-Agent` header as sessions and events keep it: none when empty, else cut to the
 * length `user.login` allows (the header has no limit of its own; the body's `user_agent` is
 * at most 512 characters).
 */
function headerUserAgent(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : cutText(trimmed, userAgentMax);
}

type Emit = (draft: EventDraft) => Promise<string>;

/** Revokes every active session of a user (emits `session.revoked` for each). */
export async function revokeSessionsOfUser(
  ctx: PlatformContext,
  tx: Transaction,
  emit: Emit,
  userId: string,
): Promise<void> {
  const active = await tx.all<SessionRow>(
    "SELECT * FROM platform_sessions WHERE user_id = ? AND status = 'active' ORDER BY id",
    [userId],
  );
  const at = isoSeconds(ctx.now());
  for (const session of active) {
    await tx.run("UPDATE platform_sessions SET status = 'revoked', revoked_at = ? WHERE id = ?", [
      at,
      session.id,
    ]);
    await emit({
      event: 'session.revoked',
      resource_id: session.id,
      metadata: { user_id: userId, reason: 'user_deleted', revoked_by: 'admin', ip_address: null },
    });
  }
}

/** Sessions: log in (emits `user.login`), list, revoke (emits `session.revoked`). */
export function createSessionHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'createSession' | 'listSessions' | 'revokeSession'> {
  // Hashing a throwaway password for unknown emails makes both answers take as long.
  let dummyHash: Promise<string> | undefined;
  return {
    async createSession({ body }, client) {
      // Without case; a database from before that rule may hold two cases of one email: the
      // exact one wins, else the oldest.
      const user = await ctx.db.get<UserRow>(
        `SELECT * FROM platform_users WHERE lower(email) = lower(?)
         ORDER BY CASE WHEN email = ? THEN 0 ELSE 1 END, id LIMIT 1`,
        [body.email, body.email],
      );
      dummyHash ??= hashPassword('not anyone’s password', ctx.passwordCost);
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyHash));
      if (!user || !ok) {
        throw new PlatformError(
          'invalid_credentials',
          'The email or password is wrong. Check both and try again.',
        );
      }
      const ip = body.ip_address ?? plainIp(client.ip);
      const userAgent = body.user_agent ?? headerUserAgent(client.userAgent);
      return ctx.write(async (tx, emit) => {
        // The user may have been deleted while the password was checked.
        const still = await tx.get('SELECT id FROM platform_users WHERE id = ?', [user.id]);
        if (!still) {
          throw new PlatformError('invalid_credentials', 'The email or password is wrong.');
        }
        const now = ctx.now();
        const row: SessionRow = {
          id: createId('ses', now),
          user_id: user.id,
          status: 'active',
          ip_address: ip,
          user_agent: userAgent,
          created_at: isoSeconds(now),
          expires_at: isoSeconds(now + sessionLifetimeMs),
          revoked_at: null,
        };
        await tx.run(
          'INSERT INTO platform_sessions (id, user_id, status, ip_address, user_agent, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            row.id,
            row.user_id,
            row.status,
            row.ip_address,
            row.user_agent,
            row.created_at,
            row.expires_at,
            row.revoked_at,
          ],
        );
        await emit({
          event: 'user.login',
          resource_id: user.id,
          metadata: {
            // The event requires both; a request without them reports the unspecified address.
            client: { ip_address: ip ?? '0.0.0.0', user_agent: userAgent || 'unknown' },
            method: 'password',
            mfa: false,
            session_id: row.id,
          },
        });
        return toSession(row, now);
      });
    },
    listSessions: ({ query }) => {
      const now = ctx.now();
      const nowText = isoSeconds(now);
      const conditions =
        query.status === 'active'
          ? [{ sql: "status = 'active' AND expires_at > ?", params: [nowText] }]
          : query.status === 'expired'
            ? [{ sql: "status = 'active' AND expires_at <= ?", params: [nowText] }]
            : query.status === 'revoked'
              ? [{ sql: "status = 'revoked'", params: [] }]
              : [];
      return paginate(ctx.db, {
        table: 'platform_sessions',
        where: { user_id: query.user_id },
        conditions,
        limit: query.limit,
        startingAfter: query.starting_after,
        map: (row: SessionRow) => toSession(row, now),
      });
    },
    revokeSession: ({ params }, client) =>
      ctx.write(async (tx, emit) => {
        const row = await tx.get<SessionRow>('SELECT * FROM platform_sessions WHERE id = ?', [
          params.session_id,
        ]);
        if (!row) throw notFound('session', params.session_id, '/v1/sessions');
        const now = ctx.now();
        if (row.status === 'revoked') return toSession(row, now);
        const revokedAt = isoSeconds(now);
        await tx.run(
          "UPDATE platform_sessions SET status = 'revoked', revoked_at = ? WHERE id = ?",
          [revokedAt, row.id],
        );
        await emit({
          event: 'session.revoked',
          resource_id: row.id,
          metadata: {
            user_id: row.user_id,
            reason: 'logout',
            revoked_by: 'user',
            ip_address: plainIp(client.ip),
          },
        });
        return toSession({ ...row, status: 'revoked', revoked_at: revokedAt }, now);
      }),
  };
}
