import type { Visibility } from '../filters/types.ts';

export type Selected = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

/** Items drawn emphasized (a path, a query's new items); the rest fades. */
export interface Highlight {
  kind: 'path' | 'new';
  nodes: Set<string>;
  edges: Set<string>;
  /** Fade everything else (paths) or only mark the highlighted items (new items). */
  fadeOthers: boolean;
}

/** What the canvas needs to know from the app to draw a frame. */
export interface CanvasView {
  visibility: Visibility;
  sizes: Map<string, number>;
  selected: Selected;
  highlight: Highlight | null;
  statusOrder: readonly string[];
}

export interface CanvasEvents {
  clickNode: (id: string) => void;
  doubleClickNode: (id: string) => void;
  clickEdge: (id: string) => void;
  clickStage: () => void;
  /** A node was dragged to a new place (it is pinned there). */
  dragged: (id: string) => void;
  cameraMoved: () => void;
}

/** Renders of the canvas (the test hook's perf figures; bench/render.ts reads them). */
export interface RenderStats {
  /** performance.now(), the graph's order and the nodes the filters show, at each render where one of them changed (the first 20). */
  renders: { at: number; nodes: number; visible: number }[];
  /** Renders so far. */
  renderCount: number;
  /** Total time inside sigma's render (beforeRender → afterRender), ms. */
  renderMs: number;
}
