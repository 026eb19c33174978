/**
 * Freezes `value` and every object and array under it, in place, and returns it. Used for what
 * the package hands out as shared constants (catalog examples, JSON Schemas).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
