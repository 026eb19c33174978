import type { PlatformDatabase } from './database.js';

/**
 * The platform's tables, in SQL both SQLite and Postgres accept. Timestamps are RFC 3339 UTC
 * text (they sort as text), booleans are 0/1, JSON is text. Ids are sortable (`createId`), so
 * `ORDER BY id` is creation order and `id > ?` is the cursor.
 */
const statements = [
  `CREATE TABLE IF NOT EXISTS platform_account (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, default_api_version INTEGER,
    default_event_versions TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_users (
    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, name TEXT,
    email_verified INTEGER NOT NULL, customer_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
    metadata TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_sessions (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, status TEXT NOT NULL, ip_address TEXT,
    user_agent TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT)`,
  'CREATE INDEX IF NOT EXISTS platform_sessions_user ON platform_sessions (user_id)',
  `CREATE TABLE IF NOT EXISTS platform_checkout_sessions (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, mode TEXT NOT NULL, amount INTEGER NOT NULL,
    currency TEXT NOT NULL, user_id TEXT, customer_id TEXT, customer_email TEXT, plan_id TEXT,
    billing_interval TEXT, url TEXT NOT NULL, success_url TEXT NOT NULL, cancel_url TEXT,
    payment_id TEXT, subscription_id TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
    completed_at TEXT, metadata TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_payments (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
    user_id TEXT, customer_id TEXT NOT NULL, checkout_session_id TEXT, subscription_id TEXT,
    card TEXT, failure_code TEXT, failure_message TEXT, created_at TEXT NOT NULL,
    metadata TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_subscriptions (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
    plan_id TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
    billing_interval TEXT NOT NULL, current_period_start TEXT NOT NULL,
    current_period_end TEXT NOT NULL, cancel_at_period_end INTEGER NOT NULL, cancelled_at TEXT,
    cancellation_reason TEXT, created_at TEXT NOT NULL, metadata TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, version INTEGER NOT NULL, resource_id TEXT NOT NULL,
    created_at TEXT NOT NULL, payload TEXT NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS platform_events_resource ON platform_events (resource_id)',
  `CREATE TABLE IF NOT EXISTS platform_webhook_endpoints (
    id TEXT PRIMARY KEY, description TEXT, api_version INTEGER, event_versions TEXT NOT NULL,
    metadata TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS platform_idempotency_keys (
    scope TEXT NOT NULL, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    state TEXT NOT NULL, status INTEGER, body TEXT, created_at TEXT NOT NULL,
    PRIMARY KEY (scope, idempotency_key))`,
];

/**
 * Creates the platform's tables when missing (safe to run on every start). Resolves to
 * warnings worth logging (a database that needs a person's attention).
 */
export async function migrate(db: PlatformDatabase): Promise<string[]> {
  for (const sql of statements) await db.run(sql);
  return [await indexEmailsWithoutCase(db)].filter((w): w is string => w !== undefined);
}

/**
 * Emails are unique without case: a unique index on `lower(email)` (both SQLite and Postgres
 * index expressions). A database written before that rule may hold two cases of one email;
 * it still starts, with a plain index for the look-ups — new users cannot add another case
 * (the check runs in the ordered write transaction) — and the unique index is created on the
 * first start after the duplicates are gone.
 */
async function indexEmailsWithoutCase(db: PlatformDatabase): Promise<string | undefined> {
  const duplicate = await db.get<{ id: string }>(
    'SELECT MIN(id) AS id FROM platform_users GROUP BY lower(email) HAVING COUNT(*) > 1 LIMIT 1',
  );
  if (duplicate) {
    await db.run(
      'CREATE INDEX IF NOT EXISTS platform_users_email_lower ON platform_users (lower(email))',
    );
    return `platform_users holds several users whose emails differ only in case (one of them is ${duplicate.id}); logins pick the exact match, else the oldest. Delete or rename the extra users, then restart to make emails unique without case.`;
  }
  await db.run(
    'CREATE UNIQUE INDEX IF NOT EXISTS platform_users_email_ci ON platform_users (lower(email))',
  );
  await db.run('DROP INDEX IF EXISTS platform_users_email_lower');
  return undefined;
}
