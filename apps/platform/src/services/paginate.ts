import type { Queryable, SqlValue } from '../db/database.js';
import { invalidField } from '../platform-error.js';

/** A page of a list: `{ data, has_more, next_cursor }`, oldest first. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * Refuses a `starting_after` that is no id of the list's resource (`prefix_...`), as the
 * delivery log does: a cursor of another list would silently restart or end the paging. An id
 * with the right prefix stays a place in the list even once its object is deleted.
 */
export function checkCursor(
  startingAfter: string | undefined,
  resource: { idPrefix: string; noun: string },
): void {
  if (startingAfter === undefined || startingAfter.startsWith(`${resource.idPrefix}_`)) return;
  throw invalidField(
    'query.starting_after',
    `is ${startingAfter}, which is no ${resource.noun} id (those start with ${resource.idPrefix}_); pass the next_cursor of the previous page`,
  );
}

/** One page of `table` in id order after `startingAfter`, filtered by `where` (column = value). */
export async function paginate<Row, T>(
  db: Queryable,
  query: {
    table: string;
    /** The prefix of the listed ids (`usr`), and what they are (`user`), to check the cursor. */
    resource: { idPrefix: string; noun: string };
    where: Record<string, SqlValue | undefined>;
    /** Extra SQL conditions with their own parameters. */
    conditions?: { sql: string; params: SqlValue[] }[];
    limit: number;
    startingAfter: string | undefined;
    map: (row: Row) => T;
  },
): Promise<Page<T>> {
  checkCursor(query.startingAfter, query.resource);
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, value] of Object.entries(query.where)) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  for (const condition of query.conditions ?? []) {
    clauses.push(condition.sql);
    params.push(...condition.params);
  }
  if (query.startingAfter !== undefined) {
    clauses.push('id > ?');
    params.push(query.startingAfter);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = await db.all<Row>(`SELECT * FROM ${query.table} ${where} ORDER BY id LIMIT ?`, [
    ...params,
    query.limit + 1,
  ]);
  const data = rows.slice(0, query.limit).map(query.map);
  const last = data.at(-1) as { id?: string } | undefined;
  return { data, has_more: rows.length > query.limit, next_cursor: last?.id ?? null };
}

/** Parses a JSON text column. */
export const parseJson = <T>(text: string | null): T =>
  (text === null ? null : JSON.parse(text)) as T;
