import { errorFromProblem } from './hookline-api-error.js';
import type { ProblemDetails } from './path-types.js';

type AnyResult =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly error: ProblemDetails; readonly response: Response };

/**
 * The throwing form: resolves the `data` of a successful result, or throws a
 * {@link HooklineApiError} carrying the problem's `code`, `status` and `requestId`.
 * @example
 * const payment = await unwrap(client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id } } }));
 */
export async function unwrap<R extends AnyResult>(
  result: R | PromiseLike<R>,
): Promise<Extract<R, { ok: true }>['data']> {
  const settled = await result;
  if (settled.ok) return settled.data as Extract<R, { ok: true }>['data'];
  const { response } = settled;
  throw errorFromProblem(
    settled.error,
    response,
    response.url ? new URL(response.url).pathname : 'The API',
  );
}
