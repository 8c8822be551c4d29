/**
 * How deeply arrays and objects may nest in a value a client sends: an awareness state, or a JSON or
 * "any" value in a document update (a map entry, a text embed or format).
 *
 * V8 parses JSON iteratively, so `JSON.parse` takes any depth; `JSON.stringify`, lib0's `writeAny`
 * and deep comparisons recurse, and overflow the stack a few thousand levels down. A value
 * nested that deep would be accepted and then break every later attempt to write it out: each
 * relay of awareness, each snapshot of the document. Real states and contents nest a few levels
 * (a ProseMirror document in a tldraw shape, a dozen); 256 leaves room and stays far from the limit.
 */
export const MAX_VALUE_DEPTH = 256;

/** Whether `value` has arrays or objects nested more than `maxDepth` levels. Iterative: it cannot overflow itself. */
export function isNestedDeeperThan(value: unknown, maxDepth = MAX_VALUE_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
