/** Small pure helpers of the graph model: keys, seeded positions, claim dates, amounts. */
import type { GraphEdge } from '../api/types.ts';

/** The drawn edge a claim folds into: one per (from, type, to). */
export function foldKey(source: string, type: string, target: string): string {
  return `${source}|${type}|${target}`;
}

/** A stable 32-bit hash (FNV-1a), for seeded positions that make layouts repeatable. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic point in a disc of radius r around (cx, cy), chosen by `seed`. */
export function seededPoint(seed: string, cx = 0, cy = 0, r = 100): { x: number; y: number } {
  const a = (hash(seed) / 0xffffffff) * Math.PI * 2;
  const d = Math.sqrt(hash(`${seed}#r`) / 0xffffffff) * r;
  return { x: cx + Math.cos(a) * d, y: cy + Math.sin(a) * d };
}

/** "PARTICIPATED_IN" -> "participated in". */
export function typeLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

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

/** "2,100,000 USD" as "$2.1M"; other currencies keep their code. */
export function formatAmount(total: number, currency: string): string {
  const sym: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
  const abs = Math.abs(total);
  const short =
    abs >= 1e9 ? `${+(total / 1e9).toFixed(1)}B` : abs >= 1e6 ? `${+(total / 1e6).toFixed(1)}M` : abs >= 1e4 ? `${+(total / 1e3).toFixed(0)}K` : total.toLocaleString('en-US');
  const s = sym[currency];
  return s ? `${s}${short}` : `${short} ${currency}`;
}

/** Distinct sources among claims (a claim without a source counts as its own). */
export function sourceCount(claims: readonly GraphEdge[]): number {
  return new Set(claims.map((c) => c.sourceId ?? `claim:${c.id}`)).size;
}

/**
 * A view with more drawn edges or entities than this is "big" (a large
 * opening view, `?limit=50000`): the canvas hides edges and labels while the
 * camera moves, draws every edge straight and solid, and entities get the
 * smaller size range, so that labels go to the biggest only. See
 * client/README.md and bench/RENDER.md.
 */
export const BIG_EDGES = 20_000;
export const BIG_NODES = 10_000;

export function isBigView(order: number, size: number): boolean {
  return size > BIG_EDGES || order > BIG_NODES;
}

/** Pixel sizes of entities (square-root scale of the size metric), for normal and big views. */
export const NODE_SIZES = { normal: [5, 18], big: [1.5, 12] } as const;
