/**
 * Node sizes from a centrality metric over what is drawn: degree (claims
 * folded into drawn edges count once per edge), PageRank (directed) or
 * betweenness (undirected), scaled by square root into a pixel range.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { cjs } from '../internal/cjs.ts';
import type { ViewGraph } from './index.ts';
import type { SizeMetric } from './types.ts';
import { NODE_SIZES } from './big-view.ts';


const pagerank = cjs(pagerankModule);
const betweenness = cjs(betweennessModule);

function projection(g: ViewGraph, visible: Set<string>, edges: Iterable<string>, type: 'directed' | 'undirected'): DirectedGraph | UndirectedGraph {
  const p = type === 'directed' ? new DirectedGraph() : new UndirectedGraph();
  visible.forEach((id) => p.addNode(id));
  for (const e of edges) {
    const s = g.source(e);
    const t = g.target(e);
    if (s === t || !p.hasNode(s) || !p.hasNode(t)) continue;
    p.mergeEdge(s, t);
  }
  return p;
}

/** Raw metric values for the visible nodes. */
export function metricValues(g: ViewGraph, visible: Set<string>, edges: Iterable<string>, metric: SizeMetric): Map<string, number> {
  const out = new Map<string, number>();
  const list = [...edges];
  if (metric === 'degree') {
    visible.forEach((id) => out.set(id, 0));
    for (const e of list) {
      const s = g.source(e);
      const t = g.target(e);
      if (out.has(s)) out.set(s, out.get(s)! + 1);
      if (t !== s && out.has(t)) out.set(t, out.get(t)! + 1);
    }
    return out;
  }
  if (visible.size === 0) return out;
  const p = projection(g, visible, list, metric === 'pagerank' ? 'directed' : 'undirected');
  const values: Record<string, number> = metric === 'pagerank' ? pagerank(p, { getEdgeWeight: null }) : betweenness(p, { normalized: true });
  for (const [k, v] of Object.entries(values)) out.set(k, Number.isFinite(v) ? v : 0);
  return out;
}

/** Pixel sizes: square-root scale into `range` (NODE_SIZES: smaller on a big view). */
export function sizesFrom(values: Map<string, number>, range: readonly [number, number] = NODE_SIZES.normal): Map<string, number> {
  const [MIN_SIZE, MAX_SIZE] = range;
  let max = 0;
  let min = Infinity;
  values.forEach((v) => {
    max = Math.max(max, v);
    min = Math.min(min, v);
  });
  const out = new Map<string, number>();
  const span = Math.sqrt(max) - Math.sqrt(Math.max(0, min));
  values.forEach((v, k) => {
    const t = span > 0 ? (Math.sqrt(v) - Math.sqrt(Math.max(0, min))) / span : 0.3;
    out.set(k, MIN_SIZE + t * (MAX_SIZE - MIN_SIZE));
  });
  return out;
}
