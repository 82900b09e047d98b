/**
 * Node sizes from a centrality metric, and node colours by community. When
 * every drawn entity carries the metric computed over the whole graph in
 * Neo4j (`claimgraph metrics`: properties pagerank, degree, betweenness,
 * community), those are used; otherwise it is computed here over what is
 * drawn: degree (claims folded into drawn edges count once per edge),
 * PageRank (directed), betweenness (undirected), Louvain communities
 * (undirected). Sizes are scaled by square root into a pixel range.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import louvainModule from 'graphology-communities-louvain';
import { cjs } from '../internal/cjs.ts';
import type { ViewGraph } from './index.ts';
import type { SizeMetric } from './types.ts';
import { NODE_SIZES } from './big-view.ts';


const pagerank = cjs(pagerankModule);
const betweenness = cjs(betweennessModule);
const louvain = cjs(louvainModule);

/** The whole-graph value of `key` stored on every visible entity, or null when one lacks it (then computed over what is drawn). */
function stored(g: ViewGraph, visible: Set<string>, key: string): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const id of visible) {
    const v = g.getNodeAttribute(id, 'entity')?.properties?.[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    out.set(id, v);
  }
  return out;
}

/** Every visible entity carries the whole-graph metrics (`claimgraph metrics`), so sizes and communities come from them. */
export function hasStoredMetrics(g: ViewGraph, visible: Set<string>): boolean {
  return visible.size > 0 && stored(g, visible, 'community') !== null && stored(g, visible, 'pagerank') !== null;
}

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
  const whole = visible.size > 0 ? stored(g, visible, metric) : null;
  if (whole) return whole;
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
  const values: Record<string, number> = metric === 'pagerank' ? pagerank(p, { getEdgeWeight: null }) : betweenness(p, { normalized: true, getEdgeWeight: null });
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

/** Distinct colours for communities, largest first (then cycled). */
export const COMMUNITY_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#8c564b'];

/**
 * A colour per visible node by community: the stored whole-graph Louvain
 * community when every visible entity has one, else Louvain over what is
 * drawn (undirected). Communities are coloured by size, largest first.
 */
export function communityColors(g: ViewGraph, visible: Set<string>, edges: Iterable<string>): Map<string, string> {
  let community = visible.size > 0 ? stored(g, visible, 'community') : null;
  if (!community) {
    const p = projection(g, visible, edges, 'undirected');
    community = new Map(Object.entries(p.size > 0 ? louvain(p, { rng: seeded(1) }) : {}).map(([k, v]) => [k, Number(v)]));
    visible.forEach((id) => community!.has(id) || community!.set(id, -1));
  }
  const sizes = new Map<number, number>();
  community.forEach((c) => sizes.set(c, (sizes.get(c) ?? 0) + 1));
  const order = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const colour = new Map(order.map((c, i) => [c, COMMUNITY_PALETTE[i % COMMUNITY_PALETTE.length]!]));
  const out = new Map<string, string>();
  community.forEach((c, id) => out.set(id, colour.get(c)!));
  return out;
}

/** A small deterministic random source (mulberry32), so that the same view gets the same communities. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
