/**
 * Polls `check` until it returns a value other than `undefined` and resolves that value. After
 * `timeoutMs` (default 10 s) it rejects with "timed out after … ms waiting for `what`", so a
 * failing test says what it awaited; `check` is polled every `intervalMs` (default 25 ms). An
 * error thrown by `check` rejects at once.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
