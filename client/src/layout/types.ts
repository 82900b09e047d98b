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

export type ToWorker = LayoutJob | { type: 'stop'; job: number };

export type FromWorker =
  /** Positions as x0, y0, x1, y1... in the order of the job's nodes. */
  | { type: 'tick'; job: number; positions: Float64Array; progress: number; phase: 'forceatlas2' | 'noverlap' }
  | { type: 'done'; job: number; positions: Float64Array; stopped: boolean }
  | { type: 'error'; job: number; message: string };
