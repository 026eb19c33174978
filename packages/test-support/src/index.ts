/**
 * Helpers Hookline's test suites share (the apps' and the packages' own `test/` folders).
 *
 * @example
 * ```ts
 * import { eventually } from '@hookline/test-support';
 *
 * const hook = await eventually(() => sink.received[0], 'the first webhook to arrive');
 * ```
 */

export { eventually } from './eventually.js';
export { failNextCommit } from './fail-next-commit.js';
export { sinkFailures } from './sink-failures.js';
