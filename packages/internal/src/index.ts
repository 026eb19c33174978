export { bestEffort } from './best-effort.js';
export { type BatchOutcome, createGroupCommit, nextTurn } from './group-commit.js';
export { parseHttpDate } from './http-date.js';
export {
  isSqliteIoError,
  sqliteCode,
  type TransactionDatabase,
  writeTransaction,
} from './write-transaction.js';
