/**
 * Default export of a CommonJS package (graphology's layouts and metrics).
 * TypeScript's NodeNext view of such a package puts the function under
 * `.default`; bundlers hand over module.exports itself. This accepts both.
 */
export function cjs<T>(mod: { default: T }): T {
  const inner = (mod as { default?: T }).default;
  return inner ?? (mod as unknown as T);
}
