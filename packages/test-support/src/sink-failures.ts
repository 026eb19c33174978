/**
 * The two ways a log sink or a listener can fail, for `describe.each`: it throws, or (an async
 * one) its promise rejects. `fail(what)` does so with the error "`what` is down".
 */
export const sinkFailures = [
  {
    kind: 'throws',
    fail: (what: string): never => {
      throw new Error(`${what} is down`);
    },
  },
  {
    kind: 'rejects',
    fail: (what: string): Promise<never> => Promise.reject(new Error(`${what} is down`)),
  },
] as const;
