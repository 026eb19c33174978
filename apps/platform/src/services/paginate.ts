import type { Queryable, SqlValue } from '../db/database.js';

/** A page of a list: `{ data, has_more, next_cursor }`, oldest first. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * One page of `table` in id order after `startingAfter`, filtered by `where` (column = value).
 * The request schema has already refused a cursor of another resource (`pattern: ^usr_`).
 */
export async function paginate<Row, T>(
  db: Queryable,
  query: {
    table: string;
    where: Record<string, SqlValue | undefined>;
    /** Extra SQL conditions with their own parameters. */
    conditions?: { sql: string; params: SqlValue[] }[];
    limit: number;
    startingAfter: string | undefined;
    map: (row: Row) => T;
  },
): Promise<Page<T>> {
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
