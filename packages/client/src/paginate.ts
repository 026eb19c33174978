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
 */
export async function* paginatePages<T>(
  fetchPage: (startingAfter: string | undefined) => Promise<ListPage<T>>,
  startingAfter: string | undefined,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<T, void, undefined> {
  let count = 0;
  let cursor = startingAfter;
  while (count < limit) {
    const page = await fetchPage(cursor);
    for (const item of page.data) {
      if (count++ >= limit) return;
      yield item;
    }
    if (!page.has_more || !page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
