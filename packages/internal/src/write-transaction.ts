/** The SQLite result code an error from libsql / better-sqlite3 carries (`SQLITE_BUSY`, …). */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** SQLite could not read or write the disk (SQLITE_IOERR_FSYNC, _WRITE, …). */
export function isSqliteIoError(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_IOERR') ?? false;
}

/** The part of a libsql / better-sqlite3 connection a write transaction needs. */
export interface TransactionDatabase {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * Runs `fn` in one SQLite write transaction on `db` (`BEGIN IMMEDIATE`: the write lock is taken
 * first, so it cannot fail half-way for want of it): all of it commits, or none of it.
 */
export function writeTransaction<T>(db: TransactionDatabase, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
