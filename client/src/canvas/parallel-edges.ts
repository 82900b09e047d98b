/** Curved edges where several join the same two nodes. */
import type { ViewGraph } from '../graph/index.ts';

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
