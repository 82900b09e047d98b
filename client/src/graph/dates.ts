/** The years a claim speaks of, from its `date` or `start`..`end` properties. */
import type { GraphEdge } from '../api/types.ts';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}/.test(v) ? v : undefined;
}

const yearsOf = new WeakMap<GraphEdge, { from: number; to: number } | null>();

/**
 * The span of years a claim speaks of (from `date`, or `start`..`end`), or
 * undefined when it is undated. An open `start` runs to itself. Claims do
 * not change: the answer is kept per claim (filters ask on every pass).
 */
export function claimYears(claim: GraphEdge): { from: number; to: number } | undefined {
  let y = yearsOf.get(claim);
  if (y === undefined) {
    y = computeYears(claim) ?? null;
    yearsOf.set(claim, y);
  }
  return y ?? undefined;
}

function computeYears(claim: GraphEdge): { from: number; to: number } | undefined {
  const p = claim.properties;
  const date = str(p.date);
  const start = str(p.start) ?? date;
  const end = str(p.end) ?? date ?? start;
  if (!start && !end) return undefined;
  const a = Number((start ?? end)!.slice(0, 4));
  const b = Number((end ?? start)!.slice(0, 4));
  return { from: Math.min(a, b), to: Math.max(a, b) };
}
