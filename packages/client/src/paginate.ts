import { HooklineApiError } from './hookline-api-error.js';

/** One page of a cursor list: `{ data, has_more, next_cursor }`. */
export interface ListPage<T> {
  data: readonly T[];
  has_more: boolean;
  next_cursor?: string | null | undefined;
}

/** Options of `client.paginate()`. */
export interface PaginateOptions {
  /** Stop after this many items in total (across pages). Default: all. */
  limit?: number | undefined;
}

/**
 * Yields the items of a cursor list page after page: `fetchPage(cursor)` gets the page after
 * `cursor` (`starting_after`), until `has_more` is false or `limit` items were yielded.
 * A page that says `has_more` but gives no way forward (no items, no `next_cursor`, or a cursor
 * already used) throws `invalid_response` instead of asking for the same pages forever.
 * `what` names the list in that error (e.g. `GET /v1/payments`).
 */
export async function* paginatePages<T>(
  fetchPage: (startingAfter: string | undefined) => Promise<ListPage<T>>,
  startingAfter: string | undefined,
  limit = Infinity,
  what: string,
): AsyncGenerator<T, void, undefined> {
  let count = 0;
  let cursor = startingAfter;
  const used = new Set([cursor]);
  while (count < limit) {
    const page = await fetchPage(cursor);
    for (const item of page.data) {
      if (count++ >= limit) return;
      yield item;
    }
    if (!page.has_more) return;
    const next = page.next_cursor;
    // `used` holds `undefined` for the first page: only a string counts as a cursor used.
    const reused = typeof next === 'string' && used.has(next);
    if (!page.data.length || !next || typeof next !== 'string' || reused)
      throw new HooklineApiError(
        'invalid_response',
        `${what} answered ${cursor === undefined ? 'the first page' : `the page after cursor "${cursor}"`} with has_more: true but ${page.data.length ? `next_cursor ${JSON.stringify(next)}${reused ? ', a cursor already used' : ''}` : 'no items'}; report this cursor to the API's operator`,
      );
    used.add(next);
    cursor = next;
  }
}
