/**
 * The baseline of the rendering benchmark: a bare sigma.js 3 page drawing the
 * same graph as the app, with nothing of the app (no store, filters, reducers,
 * sidebar, custom programs): sigma's default settings and programs.
 *
 * It fetches the same `/api/graph` view as the app (the query string's
 * `limit` and `edgeLimit`, sources included), draws every entity at the
 * app's seeded starting position (`seededPoint`, the same function), sized by
 * degree on the same scale as the app (square root, NODE_SIZES) and coloured by
 * kind, and one edge per (from, type, to) like the app's folded edges, so
 * both pages draw the same number of nodes and edges.
 *
 * `window.__bare` is what bench/render.ts reads: render timestamps, the
 * sigma instance (to move the camera) and ForceAtlas2 through graphology's
 * own web worker (FA2LayoutSupervisor), the baseline of our layout worker.
 */
import { MultiDirectedGraph } from 'graphology';
import fa2WorkerModule from 'graphology-layout-forceatlas2/worker.js';
import Sigma from 'sigma';
import { isBigView, NODE_SIZES } from '../../client/src/graph/big-view.ts';
import { seededPoint } from '../../client/src/graph/seed.ts';
import { fa2Settings } from '../../client/src/layout/settings.ts';
import { cjs } from '../../client/src/internal/cjs.ts';
import { kindColor } from '../../client/src/theme/index.ts';

interface ApiNode {
  id: string;
  kind: string;
  name: string;
}
interface ApiEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface BareHook {
  /** performance.now() at the first renders, with the nodes drawn (every node of the graph). */
  renders: { at: number; nodes: number; visible: number }[];
  /** Renders so far (every afterRender). */
  renderCount: number;
  /** Total time inside sigma's render (beforeRender → afterRender), ms. */
  renderMs: number;
  nodes: number;
  edges: number;
  error: string | null;
  sigma: Sigma | null;
  /** Starts graphology's FA2 worker with the app's settings; resolves after `ms` with the iterations done. */
  fa2(ms: number): Promise<{ iterations: number; ms: number }>;
}

const hook: BareHook = {
  renders: [],
  renderCount: 0,
  renderMs: 0,
  nodes: 0,
  edges: 0,
  error: null,
  sigma: null,
  fa2: () => Promise.reject(new Error('not loaded')),
};
(window as unknown as { __bare: BareHook }).__bare = hook;

const FA2Layout = cjs(fa2WorkerModule);

async function main(): Promise<void> {
  const q = new URLSearchParams(window.location.search);
  const limit = q.get('limit') ?? '50000';
  const edgeLimit = q.get('edgeLimit') ?? '500000';
  const res = await fetch(`/api/graph?limit=${limit}&edgeLimit=${edgeLimit}&includeSources=true`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/graph: ${res.status}`);
  const data = (await res.json()) as { nodes: ApiNode[]; edges: ApiEdge[] };
  performance.mark('claimgraph:opening-received');

  const graph = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const n of data.nodes) graph.addNode(n.id, { ...seededPoint(n.id, 0, 0, 50), size: 5, color: kindColor(n.kind), label: n.name });
  for (const e of data.edges) {
    const key = `${e.source}|${e.type}|${e.target}`;
    if (!graph.hasEdge(key) && graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addDirectedEdgeWithKey(key, e.source, e.target, { weight: 1 });
    else if (graph.hasEdge(key)) graph.updateEdgeAttribute(key, 'weight', (w: number) => w + 1);
  }
  // Degree over drawn edges (a self-loop counts once), on the app's square-root scale and size range (smaller on a big view).
  const degree = new Map<string, number>();
  graph.forEachNode((n) => degree.set(n, 0));
  graph.forEachEdge((_e, _a, s, t) => {
    degree.set(s, degree.get(s)! + 1);
    if (t !== s) degree.set(t, degree.get(t)! + 1);
  });
  let min = Infinity, max = 0;
  degree.forEach((d) => ((min = Math.min(min, d)), (max = Math.max(max, d))));
  const span = Math.sqrt(max) - Math.sqrt(min);
  const [lo, hi] = isBigView(graph.order, graph.size) ? NODE_SIZES.big : NODE_SIZES.normal;
  graph.updateEachNodeAttributes((n, a) => ({ ...a, size: lo + (span > 0 ? (Math.sqrt(degree.get(n)!) - Math.sqrt(min)) / span : 0.3) * (hi - lo) }));
  hook.nodes = graph.order;
  hook.edges = graph.size;
  performance.mark('claimgraph:opening-merged');

  const container = document.getElementById('canvas')!;
  // The constructor processes the graph and renders synchronously: its end is the first render.
  const sigma = new Sigma(graph, container);
  hook.renders.push({ at: performance.now(), nodes: graph.order, visible: graph.order });
  hook.renderCount++;
  let t0 = 0;
  sigma.on('beforeRender', () => (t0 = performance.now()));
  sigma.on('afterRender', () => {
    const t = performance.now();
    hook.renderCount++;
    hook.renderMs += t - t0;
    if (hook.renders.length < 5) hook.renders.push({ at: t, nodes: graph.order, visible: graph.order });
  });
  hook.sigma = sigma;

  hook.fa2 = (ms: number) =>
    new Promise((resolve) => {
      // The app's ForceAtlas2 settings (the layout worker's), weights = claims per drawn edge.
      const settings = fa2Settings(graph);
      const layout = new FA2Layout(graph, { settings, getEdgeWeight: 'weight' });
      let iterations = 0;
      const count = () => iterations++;
      graph.on('eachNodeAttributesUpdated', count);
      const start = performance.now();
      layout.start();
      setTimeout(() => {
        layout.kill();
        graph.removeListener('eachNodeAttributesUpdated', count);
        resolve({ iterations, ms: performance.now() - start });
      }, ms);
    });
}

main().catch((e: unknown) => {
  hook.error = String((e as Error)?.message ?? e);
});
