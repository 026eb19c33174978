import { randomBytes } from 'node:crypto';
import Database from 'libsql';

/** A libsql (better-sqlite3 compatible) database handle. */
export type SqliteDatabase = InstanceType<typeof Database>;

/** A shop customer, mirrored from the platform's user. */
export interface ShopUser {
  id: string;
  email: string;
  name: string | null;
  deleted_at: string | null;
}

/** A signed-in browser: the shop's own session, tied to the platform session that opened it. */
export interface ShopSession {
  token: string;
  user_id: string;
  platform_session_id: string;
  ip_address: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** An order, from checkout to fulfilment. */
export interface Order {
  id: string;
  user_id: string;
  product_id: string;
  description: string;
  amount: number;
  currency: string;
  mode: 'payment' | 'subscription';
  status: 'pending' | 'paid' | 'failed';
  /** How the shop learns the outcome: `webhook` (its handlers) or `poll` (compare's polled order). */
  watch: 'webhook' | 'poll';
  checkout_session_id: string | null;
  checkout_url: string | null;
  payment_id: string | null;
  subscription_id: string | null;
  failure_message: string | null;
  /** `webhook` or `poll`: how the shop first learned the outcome. */
  learned_by: 'webhook' | 'poll' | null;
  /** The event that first settled the order (webhook), with its source (`push` / `pull`). */
  learned_event: string | null;
  learned_source: 'push' | 'pull' | null;
  fulfilment_started_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One entry of an order's history: an event that touched it. */
export interface OrderEvent {
  order_id: string;
  event_id: string;
  event_type: string;
  source: 'push' | 'pull';
  at: string;
}

/** One login, as the security log records it. */
export interface LoginRecord {
  event_id: string;
  user_id: string;
  email: string | null;
  ip_address: string;
  user_agent: string;
  suspicious: boolean;
  reason: string | null;
  at: string;
}

/** A security log row as stored (`suspicious` is 0 or 1). */
type StoredLogin = Omit<LoginRecord, 'suspicious' | 'email'> & { suspicious: number };

/** An onboarding task opened for a new user. */
export interface OnboardingTask {
  user_id: string;
  kind: string;
  event_id: string;
  created_at: string;
}

/** What a subscription gives a user. */
export interface Access {
  subscription_id: string;
  user_id: string | null;
  plan_id: string | null;
  status: 'active' | 'revoked';
  granted_at: string | null;
  revoked_at: string | null;
}

/** One line of the live feed. */
export interface FeedEntry {
  seq: number;
  event_id: string;
  event_type: string;
  resource_id: string | null;
  /** The customer the event concerns (only they see it), or null. */
  user_id: string | null;
  /** `push` (a delivery, handled), `pull` (caught up, handled), or `duplicate` (a push already seen). */
  source: 'push' | 'pull' | 'duplicate';
  at: string;
}

/** Input of {@link ShopStore.markPaid} / {@link ShopStore.markFailed}. */
export interface Settlement {
  paymentId?: string | null;
  subscriptionId?: string | null;
  failureMessage?: string | null;
  learnedBy: 'webhook' | 'poll';
  eventId?: string;
  source?: 'push' | 'pull';
}

const iso = () => new Date().toISOString();
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

const schema = `
CREATE TABLE IF NOT EXISTS shop_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shop_users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT, created_at TEXT NOT NULL, deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS shop_sessions (
  token TEXT PRIMARY KEY, user_id TEXT NOT NULL, platform_session_id TEXT NOT NULL,
  ip_address TEXT, created_at TEXT NOT NULL, revoked_at TEXT, revoked_reason TEXT
);
CREATE INDEX IF NOT EXISTS shop_sessions_user ON shop_sessions (user_id);
CREATE TABLE IF NOT EXISTS shop_onboarding_tasks (
  user_id TEXT NOT NULL, kind TEXT NOT NULL, event_id TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
CREATE TABLE IF NOT EXISTS shop_security_log (
  event_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, ip_address TEXT NOT NULL,
  user_agent TEXT NOT NULL, suspicious INTEGER NOT NULL, reason TEXT, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shop_security_log_user ON shop_security_log (user_id);
-- Logins are judged from shop_security_log (by event time); this copy of its addresses was
-- written on every login and never read.
DROP TABLE IF EXISTS shop_known_ips;
CREATE TABLE IF NOT EXISTS shop_orders (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, product_id TEXT NOT NULL, description TEXT NOT NULL,
  amount INTEGER NOT NULL, currency TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
  watch TEXT NOT NULL DEFAULT 'webhook',
  checkout_session_id TEXT UNIQUE, checkout_url TEXT, payment_id TEXT, subscription_id TEXT,
  failure_message TEXT, learned_by TEXT, learned_event TEXT, learned_source TEXT,
  fulfilment_started_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shop_orders_user ON shop_orders (user_id);
CREATE INDEX IF NOT EXISTS shop_orders_payment ON shop_orders (payment_id);
CREATE TABLE IF NOT EXISTS shop_order_events (
  order_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, source TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shop_order_events_order ON shop_order_events (order_id);
-- No unique key on order_id on purpose: "fulfilment starts once" is markPaid's guarantee, and a
-- second start would show here as a second row.
CREATE TABLE IF NOT EXISTS shop_fulfilments (
  id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, started_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shop_fulfilments_order ON shop_fulfilments (order_id);
CREATE TABLE IF NOT EXISTS shop_access (
  subscription_id TEXT PRIMARY KEY, user_id TEXT, plan_id TEXT, status TEXT NOT NULL,
  granted_at TEXT, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS shop_feed (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
  resource_id TEXT, source TEXT NOT NULL, at TEXT NOT NULL, user_id TEXT
);
`;

/**
 * The shop's own state in one SQLite file (libsql): users, sessions, orders, fulfilment, access,
 * the security log, onboarding tasks, the live feed and settings (endpoint secret, catch-up
 * cursor). Every write that must happen together is one synchronous transaction.
 */
export class ShopStore {
  readonly db: SqliteDatabase;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec(schema);
    // Files from before the feed was per customer: add the column (old lines stay unowned).
    const feedColumns = this.db.prepare('PRAGMA table_info(shop_feed)').all() as { name: string }[];
    if (!feedColumns.some((column) => column.name === 'user_id')) {
      this.db.exec('ALTER TABLE shop_feed ADD COLUMN user_id TEXT');
    }
    this.db.exec('CREATE INDEX IF NOT EXISTS shop_feed_user ON shop_feed (user_id)');
  }

  close(): void {
    this.#statements.clear();
    this.db.close();
  }

  /**
   * Prepared statements by SQL text: each is compiled once per store, not on every call (one
   * `/api/state` request runs several queries). The texts are this class's own, so it stays small.
   */
  readonly #statements = new Map<string, Database.Statement>();

  /** The statement for `sql`, prepared on first use. */
  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** One row (libsql's `_metadata` dropped), or undefined. */
  #one<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.#prepare(sql).get(...params) as (T & { _metadata?: unknown }) | undefined;
    if (row) delete row._metadata;
    return row;
  }

  /** All rows (libsql's `_metadata` dropped). */
  #many<T>(sql: string, ...params: unknown[]): T[] {
    const rows = this.#prepare(sql).all(...params) as (T & { _metadata?: unknown })[];
    for (const row of rows) delete row._metadata;
    return rows;
  }

  // settings

  getSetting(key: string): string | undefined {
    const row = this.#one<{ value: string }>('SELECT value FROM shop_settings WHERE key = ?', key);
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.#prepare(
      'INSERT INTO shop_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  // users and sessions

  /** Inserts the user, or refreshes email and name of a known one. */
  upsertUser(user: { id: string; email: string; name: string | null }): void {
    this.#prepare(
      `INSERT INTO shop_users (id, email, name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = COALESCE(excluded.name, shop_users.name)`,
    ).run(user.id, user.email, user.name, iso());
  }

  getUser(id: string): ShopUser | undefined {
    return this.#one<ShopUser>(
      'SELECT id, email, name, deleted_at FROM shop_users WHERE id = ?',
      id,
    );
  }

  /** Marks the user deleted and revokes all their sessions; returns how many were revoked. */
  deleteUser(id: string): number {
    return this.db.transaction(() => {
      this.#prepare(
        `INSERT INTO shop_users (id, email, name, created_at, deleted_at) VALUES (?, '', NULL, ?, ?)
           ON CONFLICT (id) DO UPDATE SET deleted_at = COALESCE(shop_users.deleted_at, excluded.deleted_at)`,
      ).run(id, iso(), iso());
      return this.revokeUserSessions(id, 'user_deleted');
    })();
  }

  createSession(input: {
    userId: string;
    platformSessionId: string;
    ipAddress: string | null;
  }): ShopSession {
    const session: ShopSession = {
      token: randomBytes(32).toString('base64url'),
      user_id: input.userId,
      platform_session_id: input.platformSessionId,
      ip_address: input.ipAddress,
      created_at: iso(),
      revoked_at: null,
      revoked_reason: null,
    };
    this.#prepare(
      'INSERT INTO shop_sessions (token, user_id, platform_session_id, ip_address, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(
      session.token,
      session.user_id,
      session.platform_session_id,
      session.ip_address,
      session.created_at,
    );
    return session;
  }

  /** The session for `token` with its user, unless it was revoked or the user deleted. */
  activeSession(token: string): { session: ShopSession; user: ShopUser } | undefined {
    const session = this.#one<ShopSession>(
      'SELECT * FROM shop_sessions WHERE token = ? AND revoked_at IS NULL',
      token,
    );
    if (!session) return undefined;
    const user = this.getUser(session.user_id);
    if (!user || user.deleted_at !== null) return undefined;
    return { session, user };
  }

  /** Revokes the shop session opened by one platform session; returns how many were revoked. */
  revokePlatformSession(platformSessionId: string, reason: string): number {
    return this.#prepare(
      'UPDATE shop_sessions SET revoked_at = ?, revoked_reason = ? WHERE platform_session_id = ? AND revoked_at IS NULL',
    ).run(iso(), reason, platformSessionId).changes;
  }

  /** Revokes every active shop session of a user; returns how many were revoked. */
  revokeUserSessions(userId: string, reason: string): number {
    return this.#prepare(
      'UPDATE shop_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL',
    ).run(iso(), reason, userId).changes;
  }

  sessionsOf(userId: string): ShopSession[] {
    return this.#many<ShopSession>(
      'SELECT * FROM shop_sessions WHERE user_id = ? ORDER BY created_at',
      userId,
    );
  }

  // onboarding and security

  /** Opens the onboarding task `kind` for a user once; false when it already existed. */
  addOnboardingTask(userId: string, kind: string, eventId: string): boolean {
    return (
      this.#prepare(
        'INSERT INTO shop_onboarding_tasks (user_id, kind, event_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(userId, kind, eventId, iso()).changes === 1
    );
  }

  onboardingTasks(userId: string): OnboardingTask[] {
    return this.#many<OnboardingTask>(
      'SELECT * FROM shop_onboarding_tasks WHERE user_id = ? ORDER BY created_at',
      userId,
    );
  }

  /**
   * Records a login in the security log. It is suspicious when the user logged in before it and
   * never from this address. "Before" goes by the events' timestamps (then their ids, which the
   * platform issues in order), not by arrival: a retried older login can arrive after a newer
   * one, so the user's later logins are judged again when it does. Recording the same event
   * twice changes nothing.
   */
  recordLogin(input: {
    eventId: string;
    userId: string;
    ipAddress: string;
    userAgent: string;
    at: string;
  }): LoginRecord {
    return this.db.transaction(() => {
      const existing = this.#one<StoredLogin>(
        'SELECT * FROM shop_security_log WHERE event_id = ?',
        input.eventId,
      );
      if (existing) return { ...existing, suspicious: existing.suspicious === 1, email: null };
      const { suspicious, reason } = this.#judgeLogin(input);
      this.#prepare(
        'INSERT INTO shop_security_log (event_id, user_id, ip_address, user_agent, suspicious, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        input.eventId,
        input.userId,
        input.ipAddress,
        input.userAgent,
        suspicious ? 1 : 0,
        reason,
        input.at,
      );
      // The user's logins after this one were judged without it.
      const later = this.#many<{ event_id: string; ip_address: string; at: string }>(
        `SELECT event_id, ip_address, at FROM shop_security_log WHERE user_id = ?
           AND (julianday(at) > julianday(?) OR (julianday(at) = julianday(?) AND event_id > ?))`,
        input.userId,
        input.at,
        input.at,
        input.eventId,
      );
      for (const row of later) {
        const judged = this.#judgeLogin({
          eventId: row.event_id,
          userId: input.userId,
          ipAddress: row.ip_address,
          at: row.at,
        });
        this.#prepare(
          'UPDATE shop_security_log SET suspicious = ?, reason = ? WHERE event_id = ?',
        ).run(judged.suspicious ? 1 : 0, judged.reason, row.event_id);
      }
      return {
        event_id: input.eventId,
        user_id: input.userId,
        email: null,
        ip_address: input.ipAddress,
        user_agent: input.userAgent,
        suspicious,
        reason,
        at: input.at,
      };
    })();
  }

  /** Judges one login against the user's logins recorded before it (in event order). */
  #judgeLogin(login: { eventId: string; userId: string; ipAddress: string; at: string }): {
    suspicious: boolean;
    reason: string | null;
  } {
    // Compared as times (julianday), not text: `…05:00Z` sorts after `…05:00.500Z` as text.
    const known = this.#many<{ ip_address: string }>(
      `SELECT ip_address FROM shop_security_log WHERE user_id = ?
         AND (julianday(at) < julianday(?) OR (julianday(at) = julianday(?) AND event_id < ?))
         GROUP BY ip_address ORDER BY MIN(julianday(at)), ip_address`,
      login.userId,
      login.at,
      login.at,
      login.eventId,
    );
    const suspicious = known.length > 0 && !known.some((row) => row.ip_address === login.ipAddress);
    return {
      suspicious,
      reason: suspicious
        ? `first login from ${login.ipAddress}; known addresses: ${known.map((row) => row.ip_address).join(', ')}`
        : null,
    };
  }

  /** The security log, newest first; one user's when `userId` is given. */
  securityLog(userId?: string, limit = 50): LoginRecord[] {
    const rows = this.#many<StoredLogin & { email: string | null }>(
      `SELECT l.*, u.email FROM shop_security_log l LEFT JOIN shop_users u ON u.id = l.user_id
       ${userId === undefined ? '' : 'WHERE l.user_id = ?'} ORDER BY l.at DESC, l.event_id DESC LIMIT ?`,
      ...(userId === undefined ? [limit] : [userId, limit]),
    );
    return rows.map((row) => ({ ...row, suspicious: row.suspicious === 1 }));
  }

  // orders

  createOrder(input: {
    userId: string;
    productId: string;
    description: string;
    amount: number;
    currency: string;
    mode: 'payment' | 'subscription';
    watch?: 'webhook' | 'poll';
  }): Order {
    const now = iso();
    const order: Order = {
      id: newId('ord'),
      user_id: input.userId,
      product_id: input.productId,
      description: input.description,
      amount: input.amount,
      currency: input.currency,
      mode: input.mode,
      status: 'pending',
      watch: input.watch ?? 'webhook',
      checkout_session_id: null,
      checkout_url: null,
      payment_id: null,
      subscription_id: null,
      failure_message: null,
      learned_by: null,
      learned_event: null,
      learned_source: null,
      fulfilment_started_at: null,
      created_at: now,
      updated_at: now,
    };
    this.#prepare(
      `INSERT INTO shop_orders (id, user_id, product_id, description, amount, currency, mode, status, watch, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      order.id,
      order.user_id,
      order.product_id,
      order.description,
      order.amount,
      order.currency,
      order.mode,
      order.status,
      order.watch,
      order.created_at,
      order.updated_at,
    );
    return order;
  }

  attachCheckout(orderId: string, checkoutSessionId: string, url: string): Order {
    this.#prepare(
      'UPDATE shop_orders SET checkout_session_id = ?, checkout_url = ?, updated_at = ? WHERE id = ?',
    ).run(checkoutSessionId, url, iso(), orderId);
    return this.getOrder(orderId) as Order;
  }

  getOrder(id: string): Order | undefined {
    return this.#one<Order>('SELECT * FROM shop_orders WHERE id = ?', id);
  }

  orderByCheckout(checkoutSessionId: string): Order | undefined {
    return this.#one<Order>(
      'SELECT * FROM shop_orders WHERE checkout_session_id = ?',
      checkoutSessionId,
    );
  }

  orderByPayment(paymentId: string): Order | undefined {
    return this.#one<Order>('SELECT * FROM shop_orders WHERE payment_id = ?', paymentId);
  }

  ordersOf(userId: string): Order[] {
    return this.#many<Order>(
      'SELECT * FROM shop_orders WHERE user_id = ? ORDER BY created_at DESC, id',
      userId,
    );
  }

  /** Records that an event touched an order (its history; also how tests count handling). */
  addOrderEvent(orderId: string, eventId: string, eventType: string, source: 'push' | 'pull') {
    this.#prepare(
      'INSERT INTO shop_order_events (order_id, event_id, event_type, source, at) VALUES (?, ?, ?, ?, ?)',
    ).run(orderId, eventId, eventType, source, iso());
  }

  orderEvents(orderId: string): OrderEvent[] {
    return this.#many<OrderEvent>(
      'SELECT * FROM shop_order_events WHERE order_id = ? ORDER BY rowid',
      orderId,
    );
  }

  /**
   * Marks an order paid and starts its fulfilment, once: true when this call did it, false when
   * the order was already paid (the ids it learned are still filled in). The paid order carries
   * the payment that paid it, also when a declined attempt of the same checkout came first.
   */
  markPaid(orderId: string, settlement: Settlement): boolean {
    return this.db.transaction(() => {
      const now = iso();
      const paymentId = settlement.paymentId ?? null;
      const subscriptionId = settlement.subscriptionId ?? null;
      // Pending or failed -> paid: the payment id is this settlement's, replacing the declined
      // payment's that markFailed stored.
      const changed = this.#prepare(
        `UPDATE shop_orders SET status = 'paid', payment_id = ?, subscription_id = COALESCE(subscription_id, ?),
           failure_message = NULL, learned_by = ?, learned_event = ?, learned_source = ?,
           fulfilment_started_at = ?, updated_at = ? WHERE id = ? AND status != 'paid'`,
      ).run(
        paymentId,
        subscriptionId,
        settlement.learnedBy,
        settlement.eventId ?? null,
        settlement.source ?? null,
        now,
        now,
        orderId,
      ).changes;
      if (changed === 0) {
        // Already paid: a second event of the same payment only fills in what is still missing.
        this.#prepare(
          `UPDATE shop_orders SET payment_id = COALESCE(payment_id, ?), subscription_id = COALESCE(subscription_id, ?),
             updated_at = ? WHERE id = ?`,
        ).run(paymentId, subscriptionId, now, orderId);
        return false;
      }
      this.#prepare('INSERT INTO shop_fulfilments (order_id, started_at) VALUES (?, ?)').run(
        orderId,
        now,
      );
      return true;
    })();
  }

  /** Marks a pending order failed; false when it was already paid or failed. */
  markFailed(orderId: string, settlement: Settlement): boolean {
    return (
      this.#prepare(
        `UPDATE shop_orders SET status = 'failed', payment_id = ?, failure_message = ?, learned_by = ?,
           learned_event = ?, learned_source = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
      ).run(
        settlement.paymentId ?? null,
        settlement.failureMessage ?? null,
        settlement.learnedBy,
        settlement.eventId ?? null,
        settlement.source ?? null,
        iso(),
        orderId,
      ).changes === 1
    );
  }

  /**
   * Marks a pending order that never got a checkout session failed (opening the checkout
   * failed); false when it has a session or is no longer pending.
   */
  markCheckoutFailed(orderId: string, message: string): boolean {
    return (
      this.#prepare(
        `UPDATE shop_orders SET status = 'failed', failure_message = ?, updated_at = ?
           WHERE id = ? AND status = 'pending' AND checkout_session_id IS NULL`,
      ).run(message, iso(), orderId).changes === 1
    );
  }

  /** How many times fulfilment was started for an order (0 or 1; tests pin "exactly once"). */
  fulfilmentCount(orderId: string): number {
    const row = this.#one<{ n: number }>(
      'SELECT COUNT(*) AS n FROM shop_fulfilments WHERE order_id = ?',
      orderId,
    );
    return Number(row?.n ?? 0);
  }

  // access

  /** Grants a subscription's access; a subscription already revoked stays revoked. */
  grantAccess(input: { subscriptionId: string; userId: string; planId: string | null }): void {
    this.#prepare(
      `INSERT INTO shop_access (subscription_id, user_id, plan_id, status, granted_at) VALUES (?, ?, ?, 'active', ?)
         ON CONFLICT (subscription_id) DO UPDATE SET user_id = COALESCE(shop_access.user_id, excluded.user_id),
         plan_id = COALESCE(shop_access.plan_id, excluded.plan_id),
         granted_at = COALESCE(shop_access.granted_at, excluded.granted_at)`,
    ).run(input.subscriptionId, input.userId, input.planId, new Date().toISOString());
  }

  /** Revokes a subscription's access (remembered even when the grant has not arrived yet). */
  revokeAccess(subscriptionId: string, planId: string | null): void {
    this.#prepare(
      `INSERT INTO shop_access (subscription_id, plan_id, status, revoked_at) VALUES (?, ?, 'revoked', ?)
         ON CONFLICT (subscription_id) DO UPDATE SET status = 'revoked', revoked_at = COALESCE(shop_access.revoked_at, excluded.revoked_at)`,
    ).run(subscriptionId, planId, iso());
  }

  getAccess(subscriptionId: string): Access | undefined {
    return this.#one<Access>('SELECT * FROM shop_access WHERE subscription_id = ?', subscriptionId);
  }

  accessOf(userId: string): Access[] {
    return this.#many<Access>(
      'SELECT * FROM shop_access WHERE user_id = ? ORDER BY granted_at',
      userId,
    );
  }

  // feed

  addFeed(entry: Omit<FeedEntry, 'seq' | 'at'>): FeedEntry {
    const at = iso();
    const result = this.#prepare(
      'INSERT INTO shop_feed (event_id, event_type, resource_id, user_id, source, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(entry.event_id, entry.event_type, entry.resource_id, entry.user_id, entry.source, at);
    return { ...entry, seq: Number(result.lastInsertRowid), at };
  }

  /** The newest feed entries of one customer, newest first. */
  feed(userId: string, limit = 50): FeedEntry[] {
    return this.#many<FeedEntry>(
      'SELECT * FROM shop_feed WHERE user_id = ? ORDER BY seq DESC LIMIT ?',
      userId,
      limit,
    );
  }

  /** The customer whose order an event touched (recorded by {@link addOrderEvent}), if any. */
  userOfOrderEvent(eventId: string): string | undefined {
    return this.#one<{ user_id: string }>(
      `SELECT o.user_id FROM shop_order_events e JOIN shop_orders o ON o.id = e.order_id
         WHERE e.event_id = ? LIMIT 1`,
      eventId,
    )?.user_id;
  }

  /** Feed entries of one event (tests: was it handled once, by push or pull, and deduped?). */
  feedOf(eventId: string): FeedEntry[] {
    return this.#many<FeedEntry>(
      'SELECT * FROM shop_feed WHERE event_id = ? ORDER BY seq',
      eventId,
    );
  }
}
