import type { Account } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import type { Queryable } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { parseJson } from './paginate.js';
import { checkPins } from './version-policy.js';

interface AccountRow {
  id: string;
  name: string;
  email: string | null;
  default_api_version: number | null;
  default_event_versions: string;
  created_at: string;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  name: row.name,
  email: row.email,
  livemode: false,
  default_api_version: row.default_api_version,
  default_event_versions: parseJson(row.default_event_versions),
  created_at: row.created_at,
});

/** The one sandbox account; created on first start. */
export async function loadAccount(db: Queryable, now: number, name: string): Promise<Account> {
  const existing = await db.get<AccountRow>('SELECT * FROM platform_account ORDER BY id LIMIT 1');
  if (existing) return toAccount(existing);
  const row: AccountRow = {
    id: createId('acct', now),
    name,
    email: null,
    default_api_version: null,
    default_event_versions: '{}',
    created_at: isoSeconds(now),
  };
  await db.run(
    'INSERT INTO platform_account (id, name, email, default_api_version, default_event_versions, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [
      row.id,
      row.name,
      row.email,
      row.default_api_version,
      row.default_event_versions,
      row.created_at,
    ],
  );
  return toAccount(row);
}

/** The account: get and update (name, email, version defaults of new endpoints). */
export function createAccountHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'getAccount' | 'updateAccount'> {
  return {
    getAccount: () => loadAccount(ctx.db, ctx.now(), 'Hookline sandbox'),
    async updateAccount({ body }) {
      // Checked here, not when an endpoint inherits them: a bad default would make every later
      // endpoint creation fail on a field its request never sent.
      if (body.default_event_versions !== undefined) {
        checkPins(body.default_event_versions, 'body.default_event_versions');
      }
      const account = await loadAccount(ctx.db, ctx.now(), 'Hookline sandbox');
      const next: Account = {
        ...account,
        ...(body.name !== undefined && { name: body.name }),
        ...(body.email !== undefined && { email: body.email }),
        ...(body.default_api_version !== undefined && {
          default_api_version: body.default_api_version,
        }),
        ...(body.default_event_versions !== undefined && {
          default_event_versions: body.default_event_versions,
        }),
      };
      await ctx.db.run(
        'UPDATE platform_account SET name = ?, email = ?, default_api_version = ?, default_event_versions = ? WHERE id = ?',
        [
          next.name,
          next.email,
          next.default_api_version,
          JSON.stringify(next.default_event_versions),
          next.id,
        ],
      );
      return next;
    },
  };
}
