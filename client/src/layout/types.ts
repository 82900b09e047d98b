/** Messages between the layout runner and its web worker. */

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  /** Pixel size on screen; noverlap turns it into graph units. */
  size: number;
  /** Not moved (pinned, or already placed in an incremental layout). */
  fixed: boolean;
}

export interface LayoutJob {
  type: 'start';
  job: number;
  nodes: LayoutNode[];
  /** Undirected pairs of node indexes with a weight (the number of claims). */
  edges: [number, number, number][];
  iterations: number;
  /** Canvas size in pixels, to turn node sizes into graph units for noverlap. */
  viewport: { width: number; height: number };
}

/** `ack`: the main thread drew the last tick; the worker posts positions again only after it (back-pressure on big graphs). */
export type ToWorker = LayoutJob | { type: 'stop'; job: number } | { type: 'ack'; job: number };

export type FromWorker =
  /** Positions as x0, y0, x1, y1... in the order of the job's nodes. */
  | { type: 'tick'; job: number; positions: Float64Array; progress: number; phase: 'forceatlas2' | 'noverlap'; iterations: number; fa2Ms: number }
  /** Progress without positions: the main thread has not drawn the last tick yet. */
  | { type: 'progress'; job: number; progress: number; iterations: number; fa2Ms: number }
  | { type: 'done'; job: number; positions: Float64Array; stopped: boolean; iterations: number; fa2Ms: number }
  | { type: 'error'; job: number; message: string };

/** What a layout run did so far (the test hook's perf figures; bench/render.ts reads them). */
export interface LayoutStats {
  nodes: number;
  edges: number;
  /** ForceAtlas2 iterations done. */
  iterations: number;
  /** Time spent inside ForceAtlas2 in the worker, ms. */
  fa2Ms: number;
  /** performance.now() (main thread) when the run started and at its last message. */
  startedAt: number;
  lastAt: number;
  done: boolean;
}
