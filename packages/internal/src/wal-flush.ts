import { closeSync, fdatasync, fstatSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BatchOutcome } from './group-commit.js';

/** The part of a libsql / better-sqlite3 connection the flusher reads its file from. */
export interface WalDatabase {
  prepare(sql: string): { get(...params: unknown[]): unknown };
}

/**
 * Flushes a SQLite database's write-ahead log to disk from outside the write lock.
 *
 * With `synchronous=FULL`, SQLite flushes the WAL inside COMMIT, while it still holds the
 * database's one write lock: every other connection (a worker in another process) waits out
 * the disk flush too. Committing at `synchronous=NORMAL` and then flushing the WAL file
 * releases the lock first and still resolves nothing before the commit is on disk: the
 * committed frames are either still in the WAL (which this flushes) or a checkpoint copied
 * them into the database file, and at NORMAL SQLite flushes the WAL before a checkpoint and the
 * database file after it. Linux flushes a file's data whichever descriptor asks.
 */
export interface WalFlusher {
  /** Flushes the WAL file; resolves once it is on disk. Rejects once `close()` was called. */
  flush(): Promise<void>;
  /** Waits for a flush in progress, then closes the file. */
  close(): Promise<void>;
}

/**
 * A flusher for `db`'s WAL, or null where there is none to flush: not in WAL mode, an
 * in-memory or temporary database, a WAL file that cannot be opened, or Windows (where flushing
 * needs a writable handle and an open handle can stand in SQLite's way); the caller then commits
 * at FULL as before.
 */
export function openWalFlusher(db: WalDatabase): WalFlusher | null {
  if (process.platform === 'win32') return null;
  let file: string;
  let fd: number;
  try {
    const mode = db.prepare('PRAGMA journal_mode').get() as { journal_mode?: string } | undefined;
    const main = db.prepare("SELECT file FROM pragma_database_list WHERE name = 'main'").get() as
      | { file?: string }
      | undefined;
    if (mode?.journal_mode?.toLowerCase() !== 'wal' || !main?.file) return null;
    file = main.file;
    fd = openSync(`${file}-wal`, 'r');
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a file');
  } catch {
    closeSync(fd);
    return null;
  }
  // The WAL file may be new: its directory entry must survive a power loss too.
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems cannot flush a directory (EINVAL); SQLite ignores that as well.
  }
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  // A store dropped without close(): its connection's files close when it is collected, and
  // so does this descriptor (it would otherwise hold a deleted WAL's disk space).
  const token = {};
  unclosed.register(db, fd, token);
  return {
    flush() {
      // The descriptor's number may already belong to another file.
      if (closed) {
        return Promise.reject(new Error('the store was closed before its write was flushed'));
      }
      flushing = new Promise<void>((resolve, reject) =>
        fdatasync(fd, (error) => (error ? reject(error) : resolve())),
      );
      return flushing;
    },
    async close() {
      if (closed) return;
      closed = true;
      await flushing.catch(() => {});
      unclosed.unregister(token);
      closeSync(fd);
    },
  };
}

/**
 * Flushes what a batch committed, then answers its outcomes. When the flush fails, the commit
 * happened but may not survive a power loss: `failed(cause)` gives the error that replaces each
 * successful outcome `covers` selects (by default all; items that failed keep their own error).
 */
export async function flushCommitted<O>(
  flusher: WalFlusher,
  outcomes: readonly BatchOutcome<O>[],
  failed: (cause: Error) => unknown,
  covers: (index: number) => boolean = () => true,
): Promise<BatchOutcome<O>[]> {
  try {
    await flusher.flush();
    return [...outcomes];
  } catch (cause) {
    const error = failed(cause as Error);
    return outcomes.map((outcome, i) => (outcome.ok && covers(i) ? { ok: false, error } : outcome));
  }
}

/** Closes the WAL descriptor of a connection collected without close(). */
const unclosed = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});
