/**
 * Array helpers that stay safe on arrays of any length: `Math.max(...values)` and
 * `target.push(...items)` pass every element as a call argument and throw a RangeError (the call
 * stack) once an array holds some 100,000 entries, which one long paragraph of minutes can give.
 */

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max === -Infinity ? empty : max;
}

/** Appends `items` to `target` in order; returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
