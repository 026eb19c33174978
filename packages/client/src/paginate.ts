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
  limit = Number.POSITIVE_INFINITY,
  what = 'The list',
): AsyncGenerator<T, void, undefined> {
  let count = 0;
  let cursor = startingAfter;
  const used = new Set<string | undefined>([cursor]);
  while (count < limit) {
    const page = await fetchPage(cursor);
    for (const item of page.data) {
      if (count++ >= limit) return;
      yield item;
    }
    if (!page.has_more) return;
    const next = page.next_cursor;
    const asked = cursor === undefined ? 'the first page' : `the page after cursor "${cursor}"`;
    const broken = (problem: string) =>
      new HooklineApiError(
        'invalid_response',
        `${what} answered ${asked} with has_more: true but ${problem}, so paging stopped instead of requesting the same pages forever; the API's pagination is broken: report this cursor to its operator`,
      );
    if (page.data.length === 0) throw broken('no items');
    if (typeof next !== 'string' || next === '')
      throw broken(`next_cursor ${next === '' ? '""' : String(next)}`);
    if (used.has(next)) throw broken(`next_cursor "${next}", a cursor already used`);
    used.add(next);
    cursor = next;
  }
}
