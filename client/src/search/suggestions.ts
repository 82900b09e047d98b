/** The suggestion list: why a hit matched, and moving through it with the arrow keys. */
import type { SearchHit } from './types.ts';

/** The alias that matched, when it is not simply the name (so "NCRI" explains why a long name came up). */
export function matchedAlias(hit: SearchHit): string | null {
  if (!hit.matched) return null;
  return hit.matched.trim().toLowerCase() === hit.name.trim().toLowerCase() ? null : hit.matched;
}

/** Next option index for arrow keys, wrapping around. */
export function moveIndex(current: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (current + delta + count) % count;
}
