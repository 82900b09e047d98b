/** How a drawn edge looks, from the claims that pass the filters (strongest first). */
import type { GraphEdge } from '../api/types.ts';
import type { ViewGraph } from '../graph/index.ts';
import { sourceCount, typeLabel } from '../graph/utils.ts';
import { statusStyle } from '../theme/index.ts';

export interface EdgeLookResult {
  color: string;
  size: number;
  label: string;
  type: string;
}

/** Looks by program flag, type, strongest status and source count. */
const looks = new Map<string, Map<string, Map<string, EdgeLookResult[]>>>();

/**
 * How a drawn edge looks. `plain` (big graphs) draws every edge with the
 * straight solid arrow program, the cheapest; the status stays in the colour
 * and width. Looks are shared objects (one per type, status, source count and
 * program), so the reducer allocates no label string per edge.
 */
export function edgeLook(type: string, claims: readonly GraphEdge[], curved: boolean, plain = false): Readonly<EdgeLookResult> {
  const strongest = claims[0]?.status ?? null;
  const n = claims.length === 1 ? 1 : sourceCount(claims);
  const flag = plain ? 'p' : curved ? 'c' : '';
  let byType = looks.get(flag);
  if (!byType) looks.set(flag, (byType = new Map()));
  let byStatus = byType.get(type);
  if (!byStatus) byType.set(type, (byStatus = new Map()));
  let byCount = byStatus.get(strongest ?? '');
  if (!byCount) byStatus.set(strongest ?? '', (byCount = []));
  let look = byCount[n];
  if (!look) {
    const style = statusStyle(strongest);
    const dashed = style.dash.length > 0;
    const program = plain ? 'arrow' : curved ? 'curved' : dashed ? (style.dash[0]! <= 2 ? 'dotted' : 'dashed') : 'arrow';
    look = {
      color: style.color,
      // Thinner on a big view: a zoomed-in hairball of full-width edges and heads hid the entities.
      size: style.size * (1 + 0.45 * (Math.min(n, 6) - 1)) * (plain ? 0.6 : 1),
      label: n > 1 ? `${typeLabel(type)} · ${n} sources` : typeLabel(type),
      type: program,
    };
    byCount[n] = look;
  }
  return look;
}

/** Canvas labels stop at about 38 characters (the panel has the full name). */
export function shortLabel(label: string, max = 38): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Mixes a hex colour towards white (t = 0 keeps it, 1 is white). */
export function fade(hex: string, t: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t);
  const r = mix((n >> 16) & 255), g = mix((n >> 8) & 255), b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/**
 * Curvatures for edges that share a pair of nodes (several types, or both
 * directions), as @sigma/edge-curve's indexParallelEdgesIndex numbers them
 * (same attributes, same order), in one pass with maps and written into the
 * edges' attributes in place: no graph event per edge. The caller redraws.
 */
export function indexParallelEdges(g: ViewGraph, baseCurvature: number): void {
  // Pairs of nodes as numbers (node index × order + node index): no string keys per edge.
  const index = new Map<string, number>();
  let i = 0;
  g.forEachNode((n) => void index.set(n, i++));
  const order = Math.max(1, g.order);
  const pairs = new Map<number, string | string[]>();
  const both = new Map<number, number>();
  g.forEachEdge((e, _a, s, t) => {
    const a = index.get(s)!;
    const b = index.get(t)!;
    const key = a * order + b;
    const had = pairs.get(key);
    if (had === undefined) pairs.set(key, e);
    else if (typeof had === 'string') pairs.set(key, [had, e]);
    else had.push(e);
    const u = a < b ? key : b * order + a;
    both.set(u, (both.get(u) ?? 0) + 1);
  });
  const set = (e: string, idx: number | null, min: number | null, max: number | null) => {
    const a = g.getEdgeAttributes(e);
    // A lone edge (most of a big view) gets no attributes at all: writing
    // nulls, or deleting a property, on 100k objects costs memory (delete
    // turns an object into a dictionary) and time.
    if (idx === null && a.parallelIndex == null) {
      if (a.curvature !== undefined) delete a.curvature;
      return;
    }
    a.parallelIndex = idx;
    a.parallelMinIndex = min;
    a.parallelMaxIndex = max;
    if (idx === null) delete a.curvature;
    else a.curvature = baseCurvature * 0.6 + (2 * baseCurvature * idx) / (max || 1);
  };
  for (const [key, edges] of pairs) {
    const a = Math.floor(key / order);
    const b = key - a * order;
    const total = both.get(a < b ? key : b * order + a)!;
    if (typeof edges === 'string') {
      if (total === 1) set(edges, null, null, null);
      else set(edges, 1, null, 1);
      continue;
    }
    const n = edges.length;
    if (n === total) {
      const max = (n - 1) / 2;
      edges.forEach((e, k) => set(e, -max + k, -max, max));
    } else edges.forEach((e, k) => set(e, k + 1, null, n));
  }
}
