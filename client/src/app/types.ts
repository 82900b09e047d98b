import type { RenderStats } from '../canvas/types.ts';
import type { LayoutStats } from '../layout/types.ts';

/** What the hook's summary() says of the view: counts, what is drawn, selected and highlighted, and whether work is pending. */
export interface SummaryOfView {
  nodes: number;
  edges: number;
  claims: number;
  visibleNodes: string[];
  visibleEdges: { id: string; source: string; target: string; type: string; statuses: string[]; claims: string[] }[];
  renderedNodes: number;
  selected: { type: 'node' | 'edge'; id: string } | null;
  /** Every selected entity and edge (a multi-select), besides the focus above. */
  selection: { nodes: string[]; edges: string[] };
  /** Entities pinned, and hidden by the user, on the canvas. */
  pinned: string[];
  hidden: string[];
  highlight: { kind: string; nodes: string[]; edges: string[] } | null;
  layoutRunning: boolean;
  busy: number;
  panel: string | null;
  filters: { hiddenKinds: string[]; hiddenTypes: string[]; hiddenStatuses: string[]; hiddenDatasets: string[]; yearFrom: number | null; yearTo: number | null };
  camera: { x: number; y: number; ratio: number };
}

/** Rendering and layout figures: what bench/render.ts measures. */
export interface PerfFigures extends RenderStats {
  /** The current or last layout run, or null before the first. */
  layout: LayoutStats | null;
}

/**
 * The hook tests (and curious users) read: `window.__claimgraph`. Read-only
 * but for `moveCamera`, which moves the camera as a user's pan or zoom does.
 */
export interface TestHook {
  /** Resolves when the opening view is drawn and laid out (and the URL's view restored). */
  ready: Promise<void>;
  /** Resolves when no request, layout, camera animation, render or URL write is pending. */
  idle(): Promise<void>;
  summary(): SummaryOfView;
  /** Where a node is drawn, in CSS pixels relative to the canvas element. */
  nodePosition(id: string): { x: number; y: number } | null;
  /** A node's place in graph coordinates (what the layout computed; y up), as exports write it. */
  graphPosition(id: string): { x: number; y: number } | null;
  /** A point on a drawn straight edge (t = 0 at its source, 1 at its target), in CSS pixels relative to the canvas element. */
  edgePosition(id: string, t?: number): { x: number; y: number } | null;
  /** Render counts and times, and the layout worker's iterations (bench/render.ts). */
  perf(): PerfFigures;
  /** Animates the camera (graph-normalized x, y and zoom ratio, as in the `cam` URL parameter; 0 ms jumps); resolves when it arrives. */
  moveCamera(state: { x?: number; y?: number; ratio?: number }, durationMs: number): Promise<void>;
}

declare global {
  interface Window {
    __claimgraph?: TestHook;
  }
}
