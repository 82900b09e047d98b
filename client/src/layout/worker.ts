/**
 * The layout web worker: ForceAtlas2 in chunks (posting positions after each
 * so the canvas animates, and checking for a stop between chunks), then
 * noverlap so no two nodes sit on each other. Fixed nodes attract and repel
 * but do not move.
 */
import { UndirectedGraph } from 'graphology';
import fa2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import { cjs } from '../internal/cjs.ts';
import type { FromWorker, LayoutJob, ToWorker } from './types.ts';

const forceAtlas2 = cjs(fa2Module);
const noverlap = cjs(noverlapModule);

const stopped = new Set<number>();
let current = 0;

function post(msg: FromWorker): void {
  (self as unknown as Worker).postMessage(msg);
}

function positions(g: UndirectedGraph, ids: string[]): Float64Array {
  const out = new Float64Array(ids.length * 2);
  ids.forEach((id, i) => {
    out[i * 2] = g.getNodeAttribute(id, 'x') as number;
    out[i * 2 + 1] = g.getNodeAttribute(id, 'y') as number;
  });
  return out;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function run(job: LayoutJob): Promise<void> {
  const g = new UndirectedGraph();
  const ids = job.nodes.map((n) => n.id);
  job.nodes.forEach((n) => g.addNode(n.id, { x: n.x, y: n.y, size: n.size, fixed: n.fixed }));
  for (const [a, b, w] of job.edges) {
    const s = ids[a];
    const t = ids[b];
    if (s === undefined || t === undefined || s === t) continue;
    if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, 'weight', (x: number | undefined) => (x ?? 0) + w);
    else g.addEdge(s, t, { weight: w });
  }
  const settings = {
    ...forceAtlas2.inferSettings(g),
    gravity: 0.5,
    scalingRatio: 20,
    slowDown: 2,
    outboundAttractionDistribution: true,
    barnesHutOptimize: g.order > 400,
    adjustSizes: false,
    edgeWeightInfluence: 0.4,
  };
  const chunk = g.order > 1500 ? 5 : g.order > 400 ? 15 : 40;
  let done = 0;
  const isStopped = () => stopped.has(job.job) || current !== job.job;
  while (done < job.iterations && !isStopped()) {
    const n = Math.min(chunk, job.iterations - done);
    if (g.size > 0 || g.order > 1) forceAtlas2.assign(g, { iterations: n, settings, getEdgeWeight: 'weight' });
    done += n;
    post({ type: 'tick', job: job.job, positions: positions(g, ids), progress: done / job.iterations, phase: 'forceatlas2' });
    await tick();
  }
  if (!isStopped()) {
    // Node sizes are in screen pixels; express them in graph units for the
    // whole graph fitting the viewport, the way sigma will draw it.
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    g.forEachNode((_, a) => {
      minX = Math.min(minX, a.x as number);
      maxX = Math.max(maxX, a.x as number);
      minY = Math.min(minY, a.y as number);
      maxY = Math.max(maxY, a.y as number);
    });
    const extent = Math.max(maxX - minX, maxY - minY, 1);
    const unit = extent / Math.max(200, Math.min(job.viewport.width, job.viewport.height) - 80);
    const fixed = new Map<string, { x: number; y: number }>();
    job.nodes.forEach((n) => n.fixed && fixed.set(n.id, { x: n.x, y: n.y }));
    noverlap.assign(g, {
      maxIterations: 120,
      inputReducer: (_k: string, a: { x: number; y: number; size?: number }) => ({ x: a.x, y: a.y, size: ((a.size ?? 5) + 4) * unit }),
      outputReducer: (k: string, a: { x: number; y: number; size?: number }) => fixed.get(k) ?? a,
      settings: { margin: 8 * unit, ratio: 1, expansion: 1.1, speed: 3 },
    });
  }
  post({ type: 'done', job: job.job, positions: positions(g, ids), stopped: isStopped() });
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    stopped.add(msg.job);
    return;
  }
  current = msg.job;
  run(msg).catch((e: unknown) => post({ type: 'error', job: msg.job, message: String((e as Error)?.message ?? e) }));
};
