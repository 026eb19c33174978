/**
 * Makes the next `COMMIT` on any connection of a libsql / better-sqlite3 `Database` class fail
 * as SQLite does when it cannot get a commit onto the disk: the transaction is rolled back and
 * an `SQLITE_IOERR_FSYNC` error thrown. Returns the function that undoes it.
 *
 * @example
 * ```ts
 * const restore = failNextCommit(Database);
 * try { await expect(store.insert(entry)).rejects.toThrow(/disk I\/O error/); } finally { restore(); }
 * ```
 */
export function failNextCommit(Database: {
  prototype: { exec(sql: string): unknown };
}): () => void {
  const proto = Database.prototype;
  const exec = proto.exec;
  let armed = true;
  proto.exec = function (this: unknown, sql: string) {
    if (sql === 'COMMIT' && armed) {
      armed = false;
      exec.call(this, 'ROLLBACK');
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' });
    }
    return exec.call(this, sql);
  };
  return () => {
    proto.exec = exec;
  };
}
