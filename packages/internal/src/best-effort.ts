/**
 * Calls `fn`, a callback the caller of this package supplied (a logger, a listener). A throw, or
 * the rejection of a promise it returns, goes to `onFailure` (by default it is dropped) instead
 * of up the stack or to the process's unhandled-rejection handler: such a callback must not
 * stop a worker or change an answer.
 */
export function bestEffort(
  fn: () => unknown,
  onFailure: (error: unknown) => void = () => {},
): void {
  try {
    const result = fn();
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, onFailure);
    }
  } catch (error) {
    onFailure(error);
  }
}
