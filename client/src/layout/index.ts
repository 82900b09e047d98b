/**
 * Runs layouts in the web worker, one at a time: a new run supersedes the
 * one in flight. `stop()` ends the current run where it is (the positions so
 * far are kept).
 */
import LayoutWorker from './worker.ts?worker';
import type { FromWorker, LayoutNode, LayoutStats, ToWorker } from './types.ts';

export type { LayoutNode, LayoutStats } from './types.ts';
export { iterationsFor } from './iterations.ts';

export interface LayoutRun {
  nodes: LayoutNode[];
  edges: [number, number, number][];
  iterations: number;
  viewport: { width: number; height: number };
  /** Called with every intermediate position set. */
  onTick: (positions: Map<string, { x: number; y: number }>, progress: number) => void;
}

export class LayoutRunner {
  private worker: Worker | undefined;
  private job = 0;
  private pending: { job: number; resolve: (r: { stopped: boolean }) => void; run: LayoutRun } | undefined;
  running = false;
  /** Figures of the current (or last) run. */
  stats: LayoutStats | null = null;
  private listeners = new Set<(running: boolean) => void>();

  onRunningChange(fn: (running: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private setRunning(r: boolean): void {
    this.running = r;
    this.listeners.forEach((fn) => fn(r));
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new LayoutWorker();
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
      this.worker.onerror = (ev) => {
        const p = this.pending;
        this.pending = undefined;
        this.setRunning(false);
        console.warn('layout worker failed:', ev.message);
        p?.resolve({ stopped: true });
      };
    }
    return this.worker;
  }

  private positions(run: LayoutRun, flat: Float64Array): Map<string, { x: number; y: number }> {
    const m = new Map<string, { x: number; y: number }>();
    run.nodes.forEach((n, i) => {
      const x = flat[i * 2]!;
      const y = flat[i * 2 + 1]!;
      if (Number.isFinite(x) && Number.isFinite(y)) m.set(n.id, { x, y });
    });
    return m;
  }

  private receive(msg: FromWorker): void {
    const p = this.pending;
    if (!p || msg.job !== p.job) return;
    if (msg.type !== 'error' && this.stats) {
      this.stats.iterations = msg.iterations;
      this.stats.fa2Ms = msg.fa2Ms;
      this.stats.lastAt = performance.now();
      this.stats.done = msg.type === 'done';
    }
    if (msg.type === 'progress') return;
    if (msg.type === 'tick') {
      const t0 = performance.now();
      p.run.onTick(this.positions(p.run, msg.positions), msg.progress);
      // Acknowledged after the next frame, which draws these positions (the
      // renderer scheduled its frame before this one), plus as long again as
      // that took when it was long: the worker sends no new positions before
      // (see there), so drawing never queues up.
      requestAnimationFrame(() => {
        const took = performance.now() - t0;
        setTimeout(() => this.worker?.postMessage({ type: 'ack', job: msg.job } satisfies ToWorker), took > 50 ? took : 0);
      });
    } else if (msg.type === 'done') {
      p.run.onTick(this.positions(p.run, msg.positions), 1);
      this.pending = undefined;
      this.setRunning(false);
      p.resolve({ stopped: msg.stopped });
    } else {
      this.pending = undefined;
      this.setRunning(false);
      console.warn('layout failed:', msg.message);
      p.resolve({ stopped: true });
    }
  }

  /** Starts a layout; resolves when it ends (or is stopped or superseded). */
  run(run: LayoutRun): Promise<{ stopped: boolean }> {
    const w = this.ensureWorker();
    if (this.pending) {
      const old = this.pending;
      w.postMessage({ type: 'stop', job: old.job });
      old.resolve({ stopped: true });
    }
    const job = ++this.job;
    const now = performance.now();
    this.stats = { nodes: run.nodes.length, edges: run.edges.length, iterations: 0, fa2Ms: 0, startedAt: now, lastAt: now, done: false };
    this.setRunning(true);
    return new Promise((resolve) => {
      this.pending = { job, resolve, run };
      w.postMessage({ type: 'start', job, nodes: run.nodes, edges: run.edges, iterations: run.iterations, viewport: run.viewport });
    });
  }

  stop(): void {
    if (this.pending) this.worker?.postMessage({ type: 'stop', job: this.pending.job });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
