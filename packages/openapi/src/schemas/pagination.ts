import { z } from 'zod';
import { component } from '../registry.js';

/** Largest page size a list accepts. */
export const maxPageSize = 100;
/** Page size when `limit` is absent. */
export const defaultPageSize = 10;

/**
 * Query parameters every list accepts. Lists return objects oldest first; pass the previous
 * page's `next_cursor` as `starting_after` to continue.
 */
export const paginationQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize)
    .default(defaultPageSize)
    .meta({
      description: `How many objects to return, 1–${maxPageSize} (default ${defaultPageSize}).`,
    }),
  starting_after: z.string().min(1).optional().meta({
    description:
      'A cursor: the id of the last object of the previous page (its `next_cursor`). The page starts right after it.',
  }),
});

/** What a list's cursors are: the prefix of its ids (`usr`) and what those ids name (`user`). */
export interface ListCursor {
  idPrefix: string;
  noun: string;
}

/**
 * {@link paginationQuerySchema} for one list: `starting_after` must be an id of the listed
 * resource (`pattern: ^usr_` in the document). A cursor of another list would otherwise silently
 * restart or end the paging; an id with the right prefix stays a place in the list even once its
 * object is deleted.
 */
export function paginationQueryOf(cursor: ListCursor) {
  return paginationQuerySchema.extend({
    starting_after: z
      .string()
      .min(1)
      .regex(new RegExp(`^${cursor.idPrefix}_`), {
        error: (issue) =>
          `is ${String(issue.input)}, which is no ${cursor.noun} id (those start with ${cursor.idPrefix}_); pass the next_cursor of the previous page`,
      })
      .optional()
      .meta({
        description: `A cursor: the id of the last ${cursor.noun} of the previous page (its \`next_cursor\`, \`${cursor.idPrefix}_…\`). The page starts right after it.`,
      }),
  });
}

/**
 * The `{ data, has_more, next_cursor }` envelope of every list, registered as `<Name>List`.
 *
 * @example
 * export const paymentListSchema = listOf('Payment', paymentSchema);
 */
export function listOf<T extends z.ZodType>(name: string, item: T) {
  return component(
    `${name}List`,
    `A page of ${name} objects, oldest first.`,
    z.object({
      data: z.array(item),
      has_more: z.boolean().meta({ description: 'Whether more objects exist after this page.' }),
      next_cursor: z.string().nullable().meta({
        description:
          'The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later.',
      }),
    }),
  );
}
