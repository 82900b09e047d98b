/**
 * The explorer's one state, and its one change notification (after sigma
 * 3's state manager: one owner of the state, one way out).
 *
 * It owns the graph on the canvas (entities, claims, pins, hides, positions:
 * `graph`), the view state beside it (`view`: filters, selection, highlight,
 * path, query, camera...; see ViewState), the undo history, and what is
 * derived from them (`visibility`, `sizes`). Every change goes through it;
 * subscribers hear of it once, synchronously, in the order they subscribed,
 * with the set of aspects that changed. Changes inside `batch()` (and the
 * graph store's own batches) make one notification at the end. Derived state
 * is recomputed, when its inputs changed, just before subscribers are told,
 * so everything they (and the caller, once `set` or `batch` returns) read is
 * consistent: no microtask ordering anywhere.
 *
 * A change made by a subscriber while a notification is being delivered is
 * delivered next, once every subscriber heard of the current one.
 *
 * Pure: no DOM, no sigma (unit-tested in Node).
 *
 * @example
 *   const state = new ExplorerState();
 *   state.subscribe((change) => {
 *     if (change.has('graph', 'filters')) sidebar.render(state.visibility);
 *   });
 *   state.batch(() => {
 *     state.checkpoint();
 *     const added = state.graph.merge(neighbours, { near: id });
 *     state.set({ highlight: newItemsHighlight(added) });
 *   }); // one notification: history, graph, highlight
 */
import { computeVisibility } from '../filters/index.ts';
import { DEFAULT_FILTERS, type Filters, type Visibility } from '../filters/types.ts';
import { isBigView, NODE_SIZES } from '../graph/big-view.ts';
import { GraphStore, type Snapshot } from '../graph/index.ts';
import { metricValues, sizesFrom } from '../graph/metrics.ts';
import type { SizeMetric } from '../graph/types.ts';
import { canRedo, canUndo, emptyHistory, pushState, redo, undo, type UndoStack } from '../history/index.ts';
import { snapshotOf, toSaved, viewOf } from './saved.ts';
import { selectionOf } from './selection.ts';
import type { Aspect, Change, SavedState, Selected, ViewState } from './types.ts';

export type * from './types.ts';
export { hasSelection, newItemsHighlight, selectionOf } from './selection.ts';

/** Claim statuses, strongest first, until the server's schema says otherwise. */
export const DEFAULT_STATUS_ORDER: readonly string[] = ['documented', 'reported', 'assessment', 'alleged', 'disputed'];

/** A subscriber: told of each change once, after the derived state is up to date. */
export type Subscriber = (change: Change) => void;

export function initialView(): ViewState {
  return {
    schema: null,
    statusOrder: DEFAULT_STATUS_ORDER,
    filters: { ...DEFAULT_FILTERS },
    metric: 'degree',
    selection: selectionOf(null),
    highlight: null,
    path: null,
    query: null,
    added: [],
    removed: [],
    leftOut: new Map(),
    camera: null,
    opening: { limit: null, edgeLimit: null, autoLayout: true },
    layout: { running: false, fullRunDone: false },
    // investigations
    notes: [],
    story: [],
  };
}

function changeOf(aspects: Set<Aspect>): Change {
  return { aspects, has: (...a) => a.some((x) => aspects.has(x)) };
}

export class ExplorerState {
  readonly graph: GraphStore;
  private current: ViewState = initialView();
  private undoStack: UndoStack<Snapshot> = emptyHistory();
  private readonly subscribers: Subscriber[] = [];
  private readonly pending = new Set<Aspect>();
  private depth = 0;
  private delivering = false;
  private vis!: Visibility;
  private sizeMap = new Map<string, number>();
  /** The inputs `vis` and `sizeMap` were computed from. */
  private visFor: { version: number; filters: Filters; statusOrder: readonly string[] } | null = null;
  private sizesFor: { vis: Visibility; metric: SizeMetric } | null = null;
  private readonly onError: (e: unknown) => void;

  constructor(opts: { graph?: GraphStore; onError?: (e: unknown) => void } = {}) {
    this.graph = opts.graph ?? new GraphStore();
    this.onError = opts.onError ?? ((e) => console.error('a subscriber of the explorer state failed:', e));
    this.graph.onChange(() => this.touch('graph'));
    this.graph.onMove(() => this.touch('positions'));
    this.derive();
  }

  // ---- reading ---------------------------------------------------------------

  get view(): Readonly<ViewState> {
    return this.current;
  }

  /** What the filters let through (nodes and claims drawn, counts of the rest). */
  get visibility(): Visibility {
    return this.vis;
  }

  /** Pixel size of each visible node, from the size metric. */
  get sizes(): ReadonlyMap<string, number> {
    return this.sizeMap;
  }

  /** The canvas holds a big view (see isBigView). */
  get isBig(): boolean {
    return isBigView(this.graph.graph.order, this.graph.graph.size);
  }

  get canUndo(): boolean {
    return canUndo(this.undoStack);
  }

  get canRedo(): boolean {
    return canRedo(this.undoStack);
  }

  // ---- notification ------------------------------------------------------------

  /** Adds a subscriber after those already there; returns its removal. */
  subscribe(fn: Subscriber): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /** Runs several changes; subscribers hear of them once, when the outermost batch ends. */
  batch<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  /** Marks aspects as changed (the graph store's events come in this way). */
  touch(...aspects: Aspect[]): void {
    for (const a of aspects) this.pending.add(a);
    if (this.depth === 0) this.flush();
  }

  private flush(): void {
    // A change made while delivering is picked up by the loop below.
    if (this.delivering || this.pending.size === 0) return;
    this.delivering = true;
    try {
      while (this.pending.size) {
        const aspects = new Set(this.pending);
        this.pending.clear();
        this.derive();
        const change = changeOf(aspects);
        for (const fn of [...this.subscribers]) {
          try {
            fn(change);
          } catch (e) {
            this.onError(e);
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Visibility and sizes, recomputed only when what they depend on changed (each pass is a full sweep of a big graph). */
  private derive(): void {
    const v = this.current;
    const f = this.visFor;
    if (!f || f.version !== this.graph.version || f.filters !== v.filters || f.statusOrder !== v.statusOrder) {
      this.vis = computeVisibility(this.graph, v.filters, v.statusOrder);
      this.visFor = { version: this.graph.version, filters: v.filters, statusOrder: v.statusOrder };
    }
    const s = this.sizesFor;
    if (!s || s.vis !== this.vis || s.metric !== v.metric) {
      const values = metricValues(this.graph.graph, this.vis.nodes, this.vis.edges.keys(), v.metric);
      this.sizeMap = sizesFrom(values, this.isBig ? NODE_SIZES.big : NODE_SIZES.normal);
      this.sizesFor = { vis: this.vis, metric: v.metric };
    }
  }

  // ---- changing ------------------------------------------------------------------

  /** Replaces view values; each key whose value is a new one is a changed aspect. */
  set(patch: Partial<ViewState>): void {
    const changed: Aspect[] = [];
    for (const key of Object.keys(patch) as (keyof ViewState)[]) {
      if (patch[key] !== this.current[key]) changed.push(key);
    }
    if (!changed.length) return;
    this.current = { ...this.current, ...patch };
    this.touch(...changed);
  }

  /** Selects one item (or nothing); selecting the same item again is a change too (the panel reloads). */
  select(focus: Selected): void {
    this.set({ selection: selectionOf(focus) });
  }

  /** Back to the opening view's state: default filters and metric, nothing selected, added, removed, queried or highlighted. Keeps the schema, camera and opening size. */
  resetView(): void {
    this.set({
      filters: { ...DEFAULT_FILTERS },
      metric: 'degree',
      selection: selectionOf(null),
      highlight: null,
      path: null,
      query: null,
      added: [],
      removed: [],
      leftOut: new Map(),
    });
  }

  // ---- history -----------------------------------------------------------------------

  /** Remembers the graph as it is, before a change that undo takes back. */
  checkpoint(): void {
    this.undoStack = pushState(this.undoStack, this.graph.snapshot());
    this.touch('history');
  }

  undo(): boolean {
    const r = undo(this.undoStack, this.graph.snapshot());
    if (!r) return false;
    this.batch(() => {
      this.undoStack = r.history;
      this.restoreGraph(r.state);
      this.touch('history');
    });
    return true;
  }

  redo(): boolean {
    const r = redo(this.undoStack, this.graph.snapshot());
    if (!r) return false;
    this.batch(() => {
      this.undoStack = r.history;
      this.restoreGraph(r.state);
      this.touch('history');
    });
    return true;
  }

  clearHistory(): void {
    this.undoStack = emptyHistory();
    this.touch('history');
  }

  /** Puts a graph snapshot back; the highlight goes, and the selection when its item is gone. */
  private restoreGraph(s: Snapshot): void {
    this.graph.restore(s);
    const f = this.current.selection.focus;
    const gone = f !== null && (f.type === 'node' ? !this.graph.hasNode(f.id) : !this.graph.graph.hasEdge(f.id));
    this.set(gone ? { highlight: null, selection: selectionOf(null) } : { highlight: null });
  }

  // ---- saving ---------------------------------------------------------------------------

  /** The whole working state as plain JSON (positions included). */
  save(): SavedState {
    return toSaved(this.graph, this.current);
  }

  /**
   * Replaces the working state with a saved one, in one change. The undo
   * history is kept: checkpoint() first to make loading undoable.
   */
  load(s: SavedState): void {
    this.batch(() => {
      this.graph.restore(snapshotOf(s));
      this.set({ ...viewOf(s), highlight: null });
    });
  }
}
