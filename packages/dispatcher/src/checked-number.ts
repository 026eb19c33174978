/** The longest delay a Node timer keeps (longer ones fire after 1 ms). */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * A numeric option, or its default; a RangeError names the option when it is not a finite
 * number >= `min` (NaN from an unset environment variable would otherwise slip through every
 * comparison).
 */
export function checkedNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  {
    min = 0,
    max = Number.MAX_SAFE_INTEGER,
    integer = false,
  }: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const n = value ?? fallback;
  if (
    typeof n !== 'number' ||
    !Number.isFinite(n) ||
    n < min ||
    n > max ||
    (integer && !Number.isInteger(n))
  ) {
    throw new RangeError(
      `${name} must be a finite ${integer ? 'integer' : 'number'} from ${min} to ${max} (got ${String(n)})`,
    );
  }
  return n;
}
