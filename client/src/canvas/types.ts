import type { Visibility } from '../filters/types.ts';
import type { Modifiers } from '../selection/types.ts';
import type { Highlight, Selection } from '../state/types.ts';

export type { Highlight, Selected, Selection } from '../state/types.ts';

/** What the reducers draw a frame from: the state's derived view, and the pointer. */
export interface DrawState {
  visibility: Visibility;
  sizes: ReadonlyMap<string, number>;
  selection: Selection;
  highlight: Highlight | null;
  /** The node under the pointer, and its neighbours. */
  hovered: string | null;
  hoverNeighbors: ReadonlySet<string>;
  /** A big view: edges straight and solid (see isBigView). */
  big: boolean;
}

export interface CanvasEvents {
  /** A click on an entity, with the modifier keys held (Shift or Ctrl/Cmd adds it to the selection or takes it out). */
  clickNode: (id: string, mods: Modifiers) => void;
  doubleClickNode: (id: string) => void;
  clickEdge: (id: string, mods: Modifiers) => void;
  clickStage: () => void;
  /** A box or lasso ended: the entities inside it, to add to the selection (Shift, or a box) or to select instead. */
  area: (ids: string[], additive: boolean) => void;
  /** A node was dragged to a new place (it is pinned there). */
  dragged: (id: string) => void;
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
