import type { GraphEdge, GraphNode, LeftOut, SchemaInfo } from '../api/types.ts';
import type { Filters } from '../filters/types.ts';
import type { SizeMetric } from '../graph/types.ts';
import type { Note, StoryStep } from '../investigations/types.ts';
import type { PathQuery } from '../paths/types.ts';

/** One item: the entity or drawn edge the evidence panel is about. */
export type Selected = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

/**
 * What is selected. `focus` is the item the evidence panel shows (it may be
 * an entity that is not on the canvas, picked from a table); `nodes` and
 * `edges` are every selected item on the canvas, drawn as selected. Today
 * they hold the focus alone; a multi-select adds to them, same shape.
 */
export interface Selection {
  focus: Selected;
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** Items drawn emphasized (a path, new items); the rest may fade. */
export interface Highlight {
  kind: 'path' | 'new' | 'story';
  nodes: Set<string>;
  edges: Set<string>;
  /** Fade everything else (paths) or only mark the highlighted items (new items). */
  fadeOthers: boolean;
}

/** The opening view's size (the URL's `limit`, `edgeLimit`) and whether it is laid out on opening (`layout=0`: not). */
export interface OpeningView {
  limit: number | null;
  edgeLimit: number | null;
  autoLayout: boolean;
}

/** The camera as sigma states it: graph-normalized centre, zoom ratio, angle. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

export interface LayoutStatus {
  /** A layout is running in the worker. */
  running: boolean;
  /** A full layout ran to its end since the opening view (a big view that is not laid out says so). */
  fullRunDone: boolean;
}

/**
 * The explorer's view state besides the graph: plain values, replaced (never
 * mutated in place) by `ExplorerState.set`, so a change is a new identity.
 * A new feature's state (notes, story steps, a time range) is one more key
 * here, with its default in `initialView()`; subscribers hear of it by its key.
 */
export interface ViewState {
  /** What the server holds (kinds, statuses, vocabulary, datasets), or null before it answered. */
  schema: SchemaInfo | null;
  /** Claim statuses, strongest first. */
  statusOrder: readonly string[];
  filters: Filters;
  metric: SizeMetric;
  selection: Selection;
  highlight: Highlight | null;
  /** The path search shown, if any. */
  path: PathQuery | null;
  /** The last console query merged into the canvas. */
  query: string | null;
  /** Entities brought in one by one (search, links) beyond the opening view. */
  added: readonly string[];
  /** Entities the user removed from the canvas. */
  removed: readonly string[];
  /** Per expanded entity: the claims its expansion left out (the panel's "not shown"). */
  leftOut: ReadonlyMap<string, readonly LeftOut[]>;
  /** Where the camera is (the canvas writes it as it moves; setting it moves the camera). */
  camera: CameraView | null;
  opening: OpeningView;
  layout: LayoutStatus;
  // -- investigations (client/src/investigations): saved with the working state --
  /** Notes on entities, drawn edges or places on the canvas. */
  notes: readonly Note[];
  /** The story's steps, in order. */
  story: readonly StoryStep[];
}

/**
 * What a change touched: a key of ViewState, or `graph` (entities, claims,
 * pins, hides, expansions), `positions` (layout ticks, dragging; the graph's
 * version does not move) or `history` (the undo stack).
 */
export type Aspect = keyof ViewState | 'graph' | 'positions' | 'history';

/** One notification: everything that changed since the last one. */
export interface Change {
  readonly aspects: ReadonlySet<Aspect>;
  /** True when any of `aspects` changed. */
  has(...aspects: Aspect[]): boolean;
}

/** A saved node: the entity and where and how it stands on the canvas. */
export interface SavedNode {
  entity: GraphNode;
  x: number;
  y: number;
  pinned: boolean;
  hidden: boolean;
  laidOut: boolean;
}

/**
 * The whole working state as plain JSON (no Sets, Maps or class instances):
 * what a saved investigation or a reopened link needs to put the same
 * picture back, positions included. Transient state (highlight, layout
 * status, undo history) is not part of it.
 */
export interface SavedState {
  version: 1;
  nodes: SavedNode[];
  claims: GraphEdge[];
  expanded: string[];
  filters: Filters;
  metric: SizeMetric;
  selection: { focus: Selected; nodes: string[]; edges: string[] };
  path: PathQuery | null;
  query: string | null;
  added: string[];
  removed: string[];
  leftOut: [string, LeftOut[]][];
  camera: CameraView | null;
  opening: OpeningView;
  // -- investigations --
  notes: Note[];
  story: StoryStep[];
}
