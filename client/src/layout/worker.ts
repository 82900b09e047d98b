/**
 * The layout web worker: ForceAtlas2 in chunks (posting positions after each
 * so the canvas animates, and checking for a stop between chunks), then
 * noverlap so no two nodes sit on each other. Fixed nodes attract and repel
 * but do not move.
 *
 * ForceAtlas2 runs on the library's typed arrays, built once per run (as the
 * library's own worker does): converting the graph for every chunk cost time
 * and reset each node's speed and convergence, which FA2 adapts over the
 * iterations.
 */
import { UndirectedGraph } from 'graphology';
import fa2DefaultsModule from 'graphology-layout-forceatlas2/defaults.js';
import fa2HelpersModule from 'graphology-layout-forceatlas2/helpers.js';
import fa2IterateModule from 'graphology-layout-forceatlas2/iterate.js';
import noverlapModule from 'graphology-layout-noverlap';
import { BIG_NODES } from '../graph/big-view.ts';
import { boundsOf, extentOf, type Point } from '../graph/bounds.ts';
import { cjs } from '../internal/cjs.ts';
import { fa2Settings } from './settings.ts';
import type { FromWorker, LayoutJob, ToWorker } from './types.ts';

const fa2Iterate = cjs(fa2IterateModule as unknown as { default: typeof fa2IterateModule });
const fa2Helpers = cjs(fa2HelpersModule as unknown as { default: typeof fa2HelpersModule });
const noverlap = cjs(noverlapModule);
const fa2Defaults = cjs(fa2DefaultsModule as unknown as { default: typeof fa2DefaultsModule });
/** Values per node in ForceAtlas2's node matrix; x and y come first. */
const PPN = 10;

const stopped = new Set<number>();
let current = 0;
/** The job whose last tick the main thread has not acknowledged yet (0: none). */
let awaitingAck = 0;

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
  const settings = { ...fa2Defaults, ...fa2Settings(g) };
  const invalid = fa2Helpers.validateSettings(settings);
  if (invalid) throw new Error(`ForceAtlas2 settings: ${invalid.message}`);
  const matrices = fa2Helpers.graphToByteArrays(g, (_e, a) => (a.weight as number | undefined) ?? 1);
  const fromMatrix = () => {
    const out = new Float64Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      out[i * 2] = matrices.nodes[i * PPN]!;
      out[i * 2 + 1] = matrices.nodes[i * PPN + 1]!;
    }
    return out;
  };
  const chunk = g.order > 1500 ? 5 : g.order > 400 ? 15 : 40;
  let done = 0;
  let fa2Ms = 0;
  const isStopped = () => stopped.has(job.job) || current !== job.job;
  const movable = g.size > 0 || g.order > 1;
  while (done < job.iterations && !isStopped()) {
    const n = Math.min(chunk, job.iterations - done);
    const t0 = performance.now();
    if (movable) for (let i = 0; i < n; i++) fa2Iterate(settings, matrices.nodes, matrices.edges);
    fa2Ms += performance.now() - t0;
    done += n;
    // Positions only once the main thread drew the last ones: on a big graph
    // drawing a tick takes longer than computing one, and queued ticks would
    // keep the page busy (the iterations go on meanwhile).
    if (awaitingAck === job.job) post({ type: 'progress', job: job.job, progress: done / job.iterations, iterations: done, fa2Ms });
    else {
      awaitingAck = job.job;
      // The matrix holds the nodes in the graph's order, which is the job's.
      post({ type: 'tick', job: job.job, positions: fromMatrix(), progress: done / job.iterations, phase: 'forceatlas2', iterations: done, fa2Ms });
    }
    await tick();
  }
  fa2Helpers.assignLayoutChanges(g, matrices.nodes, null);
  // Noverlap only below the big-view size: at 50k entities it runs for minutes
  // in the worker, and a view of that size cannot avoid overlaps anyway.
  if (!isStopped() && g.order <= BIG_NODES) {
    // Node sizes are in screen pixels; express them in graph units for the
    // whole graph fitting the viewport, the way sigma will draw it.
    const box = boundsOf(g.mapNodes((_, a) => a as Point));
    const extent = Math.max(box ? extentOf(box) : 0, 1);
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
  post({ type: 'done', job: job.job, positions: positions(g, ids), stopped: isStopped(), iterations: done, fa2Ms });
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    stopped.add(msg.job);
    return;
  }
  if (msg.type === 'ack') {
    if (awaitingAck === msg.job) awaitingAck = 0;
    return;
  }
  current = msg.job;
  run(msg).catch((e: unknown) => post({ type: 'error', job: msg.job, message: String((e as Error)?.message ?? e) }));
};
