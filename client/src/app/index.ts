/**
 * The app: one state (canvas graph, filters, selection, highlight, metric),
 * the actions a user takes on it (expand, hide, pin, remove, search, paths,
 * query, export, undo, reset), and the wiring that redraws the canvas,
 * legend, panel and URL after each. Features keep their own logic; this
 * module only calls them in order.
 */
import { api, ApiError, isAbort, type Claim, type CypherResult, type ExportFormat, type GraphEdge, type GraphNode, type LeftOut, type SchemaInfo } from '../api/index.ts';
import { Canvas, type Highlight, type Selected } from '../canvas/index.ts';
import { openConsole, type ConsoleHandle, type MergeSummary } from '../console/index.ts';
import { FORMATS, fileStem, scopeIds, selectionFor, type ExportScope } from '../export/index.ts';
import { pngWithLegend } from '../export/png.ts';
import { computeVisibility, DEFAULT_FILTERS, type Filters, type Visibility } from '../filters/index.ts';
import { Sidebar } from '../filters/view.ts';
import { GraphStore, type MergeResult, type SizeMetric, type Snapshot } from '../graph/index.ts';
import { metricValues, sizesFrom } from '../graph/metrics.ts';
import { canRedo, canUndo, emptyHistory, pushState, redo, undo, type UndoStack } from '../history/index.ts';
import { iterationsFor, LayoutRunner } from '../layout/index.ts';
import { claimsOfEdge } from '../panel/index.ts';
import { PanelView } from '../panel/view.ts';
import { pathHighlight, type PathQuery } from '../paths/index.ts';
import { PathFinder } from '../paths/view.ts';
import { EntityPicker } from '../search/view.ts';
import type { SearchHit } from '../search/types.ts';
import { decodeUrlState, encodeUrlState, type UrlState } from '../url/index.ts';
import { debounce, saveBlob } from '../ui/dom.ts';
import { Progress } from '../ui/progress.ts';
import { Toasts } from '../ui/toast.ts';
import { buildToolbar, type Toolbar } from './toolbar.ts';
import type { TestHook } from './types.ts';
import { DEFAULT_STATUS_ORDER, EXPAND_CAP, LEFT_OUT_CAP, OPENING_LIMIT, OPENING_QUERY, SEARCH_ADD_CAP, openingEdgeLimit, type SummaryOfView, typingIn } from './utils.ts';
import { isBigView, NODE_SIZES } from '../graph/big-view.ts';
import { boundsOf, frameOf } from '../graph/bounds.ts';
import { typeLabel } from '../graph/format.ts';

type OpeningData = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

/** What App.prefetch() started: the URL's view, and the schema and opening view requests. */
export interface Prefetched {
  url: UrlState;
  schema: Promise<SchemaInfo | null>;
  opening: Promise<OpeningData>;
}

/**
 * The opening view: GET /api/graph (sources included, so showing them is a
 * filter toggle, not a request), or the same through Cypher when it fails.
 * `limit` / `edgeLimit` come from the URL (a big view); otherwise the default.
 */
async function loadOpening(view: { limit: number | null; edgeLimit: number | null }): Promise<OpeningData> {
  try {
    const { limit, edgeLimit } = view;
    if (limit === null && edgeLimit === null) return await api.graph({ limit: OPENING_LIMIT, includeSources: true });
    const n = limit ?? OPENING_LIMIT;
    return await api.graph({ limit: n, edgeLimit: edgeLimit ?? openingEdgeLimit(n), includeSources: true });
  } catch (e) {
    if (isAbort(e)) throw e;
    const res = await api.cypher(OPENING_QUERY);
    return { ...res.graph, truncated: res.truncated };
  }
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id} element; client/index.html defines the app's layout`);
  return el;
}

export class App {
  readonly store = new GraphStore();
  private filters: Filters = { ...DEFAULT_FILTERS };
  private metric: SizeMetric = 'degree';
  private selected: Selected = null;
  private highlight: Highlight | null = null;
  private schema: SchemaInfo | null = null;
  private statusOrder: string[] = DEFAULT_STATUS_ORDER;
  private visibility!: Visibility;
  private sizes = new Map<string, number>();
  private history: UndoStack<Snapshot> = emptyHistory();
  private added: string[] = [];
  private removed: string[] = [];
  private query: string | null = null;
  private path: PathQuery | null = null;
  private leftOut = new Map<string, LeftOut[]>();
  private panelCtrl: AbortController | undefined;
  /** What the last recompute() was computed from (see there). */
  private recomputedFor: unknown[] = [];
  /** The opening view's size (`limit`, `edgeLimit`) and whether it is laid out on opening (`layout=0`: not), from the URL. */
  private openingView: { limit: number | null; edgeLimit: number | null; autoLayout: boolean } = { limit: null, edgeLimit: null, autoLayout: true };
  private ready = false;
  /** A full layout ran to its end since the opening view (the sidebar tells a big view that is not laid out). */
  private bigLaidOut = false;
  private resolveReady!: () => void;
  readonly readyPromise = new Promise<void>((r) => (this.resolveReady = r));

  private readonly canvas: Canvas;
  private readonly layout = new LayoutRunner();
  private readonly progress = new Progress($('progress'));
  private readonly toasts = new Toasts($('toasts'));
  private readonly sidebar: Sidebar;
  private readonly panel: PanelView;
  private readonly pathFinder: PathFinder;
  private readonly search: EntityPicker;
  private readonly toolbar: Toolbar;
  private console: ConsoleHandle | undefined;

  constructor() {
    this.visibility = computeVisibility(this.store, this.filters, this.statusOrder);
    this.canvas = new Canvas($('canvas'), this.store, () => ({ visibility: this.visibility, sizes: this.sizes, selected: this.selected, highlight: this.highlight, statusOrder: this.statusOrder }), {
      clickNode: (id) => void this.select({ type: 'node', id }),
      doubleClickNode: (id) => void this.expand(id),
      clickEdge: (id) => void this.select({ type: 'edge', id }),
      clickStage: () => {
        if (this.highlight?.kind === 'new') this.setHighlight(null);
        if (this.selected) void this.select(null);
      },
      dragged: (id) => {
        if (!this.store.node(id)?.pinned) this.store.setPinned(id, true);
        this.scheduleUrl();
      },
      cameraMoved: () => this.scheduleUrl(),
    });
    this.sidebar = new Sidebar($('sidebar'), {
      setFilters: (f) => this.setFilters(f),
      setMetric: (m) => {
        this.metric = m;
        this.recompute();
      },
      showHidden: () => this.showAllHidden(),
    });
    this.panel = new PanelView(
      $('panel'),
      {
        close: () => void this.select(null),
        select: (id) => void this.selectEntity(id),
        expand: (id) => void this.expand(id),
        showLeftOut: (id, type) => void this.expand(id, { types: [type], limit: LEFT_OUT_CAP }),
        hide: (id) => this.toggleHidden(id),
        pin: (id, pinned) => this.pin(id, pinned),
        remove: (id) => this.remove(id),
        pathFrom: (id, name) => this.pathFinder.setEnd('from', id, name),
        pathTo: (id, name) => this.pathFinder.setEnd('to', id, name),
        clearPaths: () => this.clearPaths(),
        selectPath: (i) => this.showPath(i),
        claimShown: (id) => this.claimShown(id),
      },
      () => ({ statuses: new Map(this.schema?.statuses.map((s) => [s.status, s.meaning]) ?? []), order: this.statusOrder }),
    );
    const suggest = async (text: string, signal: AbortSignal) => (await api.search(text, { limit: 8 }, signal)).hits;
    this.search = new EntityPicker({ id: 'search-input', label: 'Search entities', placeholder: 'Search people, organizations, events…  ( / )', suggest, icon: true, onPick: (hit) => void this.pick(hit) });
    $('search').appendChild(this.search.el);
    this.pathFinder = new PathFinder(suggest, () => this.statusOrder, (q) => void this.findPaths(q), () => this.clearPaths());
    this.toolbar = buildToolbar($('toolbar'), $('canvas-controls'), this.pathFinder.el, {
      paths: () => this.pathFinder.toggle(),
      console: () => void this.toggleConsole(),
      undo: () => this.undo(),
      redo: () => this.redo(),
      reset: () => void this.reset(),
      share: () => void this.share(),
      zoomIn: () => this.canvas.zoom(1 / 1.5),
      zoomOut: () => this.canvas.zoom(1.5),
      fit: () => this.canvas.fit(),
      layout: () => (this.layout.running ? this.layout.stop() : void this.runLayout('full')),
      exportPng: (scope) => void this.exportPng(scope),
      exportFile: (format, scope) => void this.exportFile(format, scope),
      hasSelection: () => this.selected !== null,
    });
    this.layout.onRunningChange((running) => {
      document.body.dataset.layout = running ? 'running' : 'idle';
      this.toolbar.setLayoutRunning(running);
    });
    document.body.dataset.layout = 'idle';

    let pending = false;
    this.store.onChange(() => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        this.canvas.indexParallel();
        this.recompute();
      });
    });
    this.bindKeys();
    this.installHook();
    new ResizeObserver(() => {
      this.canvas.sigma.resize();
      this.canvas.sigma.refresh({ skipIndexation: true });
    }).observe($('canvas'));
  }

  // ---- state → screen ------------------------------------------------------

  private renderSidebar(): void {
    const big = isBigView(this.store.graph.order, this.store.graph.size) ? { laidOut: this.bigLaidOut, layingOut: this.layout.running } : null;
    this.sidebar.render({ schema: this.schema, filters: this.filters, visibility: this.visibility, metric: this.metric, hiddenByUser: this.store.hiddenByUser().length, big });
  }

  /**
   * Visibility, sizes, canvas and sidebar from the state. Skipped (but for
   * the toolbar and URL) when nothing they depend on changed since the last
   * time: on a big canvas each pass is a full reprocessing of every node and
   * edge.
   */
  private recompute(): void {
    const inputs = [this.store.version, this.filters, this.metric, this.statusOrder, this.schema, this.selected, this.highlight];
    const same = inputs.length === this.recomputedFor.length && inputs.every((x, i) => x === this.recomputedFor[i]);
    if (!same || this.canvas.isDetached) {
      this.recomputedFor = inputs;
      this.visibility = computeVisibility(this.store, this.filters, this.statusOrder);
      const big = isBigView(this.store.graph.order, this.store.graph.size);
      this.sizes = sizesFrom(metricValues(this.store.graph, this.visibility.nodes, this.visibility.edges.keys(), this.metric), big ? NODE_SIZES.big : NODE_SIZES.normal);
      this.canvas.refresh();
      this.renderSidebar();
    }
    this.toolbar.setHistory(canUndo(this.history), canRedo(this.history));
    this.scheduleUrl();
  }

  private setFilters(f: Filters): void {
    this.filters = f;
    this.recompute();
    this.refreshPanelMarks();
    if (this.visibility.nodes.size && [...this.visibility.nodes].some((id) => !this.store.node(id)?.laidOut)) void this.runLayout('incremental');
  }

  private setHighlight(h: Highlight | null): void {
    this.highlight = h;
    this.canvas.refresh();
    this.scheduleUrl();
  }

  private claimShown(claimId: string): boolean {
    const c = this.store.claims.get(claimId);
    if (!c) return true;
    for (const list of this.visibility.edges.values()) if (list.some((x) => x.id === claimId)) return true;
    return false;
  }

  /** Re-renders the panel so "hidden by filters" marks follow the filters. */
  private refreshPanelMarks(): void {
    const c = this.panel.current;
    if (c && (c.type === 'entity' || c.type === 'edge')) this.panel.show(c);
  }

  // ---- layout ---------------------------------------------------------------

  /** Full: every drawn node not pinned moves. Incremental: only nodes never laid out move. */
  async runLayout(mode: 'full' | 'incremental'): Promise<void> {
    const ids = [...this.visibility.nodes];
    if (!ids.length) return;
    const movable = (id: string) => {
      const a = this.store.node(id);
      return !!a && !a.pinned && (mode === 'full' || !a.laidOut);
    };
    if (!ids.some(movable)) return;
    const index = new Map(ids.map((id, i) => [id, i] as const));
    const g = this.store.graph;
    const nodes = ids.map((id) => {
      const a = g.getNodeAttributes(id);
      return { id, x: a.x, y: a.y, size: this.sizes.get(id) ?? a.size, fixed: !movable(id) };
    });
    const edges: [number, number, number][] = [];
    for (const [key, claims] of this.visibility.edges) {
      const s = index.get(g.source(key));
      const t = index.get(g.target(key));
      if (s !== undefined && t !== undefined) edges.push([s, t, claims.length]);
    }
    const task = this.progress.start('Laying out', { stop: () => this.layout.stop() });
    try {
      const running = this.layout.run({
        nodes,
        edges,
        iterations: iterationsFor(ids.length, mode === 'incremental'),
        viewport: this.canvas.viewport(),
        onTick: (pos, p) => {
          this.store.setPositions(pos);
          this.progress.update(task, p);
        },
      });
      const big = isBigView(g.order, g.size);
      if (big) this.renderSidebar(); // "laying out"
      const res = await running;
      if (mode === 'full' && !res.stopped) this.bigLaidOut = true;
      if (big) this.renderSidebar();
    } finally {
      this.progress.end(task);
      // Nodes not drawn now were not laid out; those drawn now all were. (Not a
      // drawn attribute: set in place, with no graph event for sigma to process.)
      ids.forEach((id) => {
        if (g.hasNode(id)) g.getNodeAttributes(id).laidOut = true;
      });
    }
  }

  // ---- opening and restoring ------------------------------------------------

  /**
   * The opening view's requests, started before the app is built (main.ts
   * calls this first, so the download overlaps loading fonts and building the
   * canvas).
   */
  static prefetch(): Prefetched {
    const url = decodeUrlState(window.location.search);
    const opening = loadOpening(url);
    opening.catch(() => {}); // handled in start(); no unhandled-rejection report meanwhile
    return { url, schema: api.schema().catch(() => null), opening };
  }

  async start(pre: Prefetched = App.prefetch()): Promise<void> {
    const url = pre.url;
    this.filters = url.filters;
    this.metric = url.metric;
    this.openingView = { limit: url.limit, edgeLimit: url.edgeLimit, autoLayout: url.autoLayout };
    const task = this.progress.start('Loading the network');
    try {
      const [schema, opening] = await Promise.all([pre.schema, pre.opening]);
      performance.mark('claimgraph:opening-received');
      if (schema) {
        this.schema = schema;
        if (schema.statuses.length) this.statusOrder = [...schema.statuses].sort((a, b) => b.rank - a.rank).map((s) => s.status);
      }
      // A big opening view goes in with the renderer detached; the first recompute draws it.
      // Not laid out on purpose (layout=0): the seeded places stand (filters and expansions lay out only what is new).
      this.canvas.bulk(() => this.store.merge(opening, { laidOut: !url.autoLayout }));
      performance.mark('claimgraph:opening-merged');
      if (opening.truncated) this.toasts.show(`Showing the ${opening.nodes.length} best-connected entities; search or expand to bring in more`, 'info', 8000);
      await this.restore(url);
    } catch (e) {
      this.toasts.show(`Could not load the network: ${(e as Error).message}`, 'error', 20000);
    } finally {
      this.progress.end(task);
    }
    this.canvas.indexParallel();
    this.recompute();
    if (url.autoLayout) await this.runLayout('full');
    for (const id of url.pinned) this.store.setPinned(id, true);
    if (url.camera) this.canvas.setCamera({ ...url.camera, angle: 0 });
    if (url.path && this.highlight?.kind === 'path') {
      /* the path panel is already showing */
    } else if (url.focus) await this.select({ type: 'node', id: url.focus }, { moveCamera: !url.camera });
    this.ready = true;
    this.history = emptyHistory();
    this.recompute();
    this.resolveReady();
    document.body.dataset.ready = 'true';
  }

  private opening(): Promise<OpeningData> {
    return loadOpening(this.openingView);
  }

  /** Re-applies a shared view on top of the opening one. */
  private async restore(url: UrlState): Promise<void> {
    if (url.removed.length) {
      this.store.removeNodes(url.removed);
      this.removed = [...url.removed];
    }
    for (const id of url.added) {
      const r = await api.neighborhood(id, { limit: SEARCH_ADD_CAP }).catch(() => null);
      if (r) this.store.merge(r, { near: id });
      this.added.push(id);
    }
    for (const id of url.expanded) {
      const r = await api.neighborhood(id, this.expandParams({})).catch(() => null);
      if (!r) continue;
      this.store.merge(r, { near: id });
      this.store.markExpanded(id);
      this.leftOut.set(id, r.leftOut);
    }
    if (url.query) {
      try {
        const res = await api.cypher(url.query);
        this.store.merge(res.graph);
        this.query = url.query;
      } catch (e) {
        this.toasts.show(`The link's query failed: ${(e as Error).message}`, 'error');
      }
    }
    if (url.hidden.length) this.store.setHidden(url.hidden, true);
    if (url.path) {
      const q: PathQuery = { from: url.path.from, to: url.path.to, status: url.path.status, maxHops: 6 };
      try {
        const res = await api.paths({ from: q.from, to: q.to, status: q.status ?? undefined, maxHops: q.maxHops });
        this.store.merge(res);
        this.path = q;
        const hl = pathHighlight(res);
        this.highlight = { kind: 'path', nodes: hl.nodes, edges: hl.edges, fadeOthers: true };
        const names = this.names(res.nodes);
        this.pathFinder.setQuery(q, { from: names.get(q.from) ?? q.from, to: names.get(q.to) ?? q.to });
        this.panel.show({ type: 'paths', from: q.from, to: q.to, status: q.status, result: res, names });
      } catch (e) {
        this.toasts.show(`The link's path failed: ${(e as Error).message}`, 'error');
      }
    }
  }

  // ---- URL --------------------------------------------------------------------

  private writeUrl = debounce(() => {
    if (!this.ready) return;
    const cam = this.canvas.camera();
    const state: UrlState = {
      focus: this.selected?.type === 'node' ? this.selected.id : null,
      expanded: [...this.store.expanded],
      added: this.added.filter((id) => this.store.hasNode(id)),
      hidden: this.store.hiddenByUser(),
      removed: this.removed,
      pinned: this.store.pinned(),
      filters: this.filters,
      query: this.query,
      path: this.path ? { from: this.path.from, to: this.path.to, status: this.path.status } : null,
      metric: this.metric,
      camera: { x: cam.x, y: cam.y, ratio: cam.ratio },
      ...this.openingView,
    };
    const qs = encodeUrlState(state);
    const next = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (next !== `${window.location.pathname}${window.location.search}`) history.replaceState(null, '', next);
  }, 250);

  private scheduleUrl(): void {
    this.writeUrl();
  }

  private async share(): Promise<void> {
    this.writeUrl();
    await new Promise((r) => setTimeout(r, 300));
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.toasts.show('Link to this view copied to the clipboard', 'success');
    } catch {
      this.toasts.show(`Copy this link: ${link}`, 'info', 15000);
    }
  }

  // ---- undo -------------------------------------------------------------------

  private checkpoint(): void {
    this.history = pushState(this.history, this.store.snapshot());
    this.toolbar.setHistory(true, false);
  }

  private applySnapshot(s: Snapshot): void {
    this.canvas.bulk(() => this.store.restore(s));
    if (this.selected?.type === 'node' && !this.store.hasNode(this.selected.id)) void this.select(null);
    if (this.selected?.type === 'edge' && !this.store.graph.hasEdge(this.selected.id)) void this.select(null);
    this.highlight = null;
  }

  undo(): void {
    const r = undo(this.history, this.store.snapshot());
    if (!r) return;
    this.history = r.history;
    this.applySnapshot(r.state);
    this.refreshPanelState();
  }

  redo(): void {
    const r = redo(this.history, this.store.snapshot());
    if (!r) return;
    this.history = r.history;
    this.applySnapshot(r.state);
    this.refreshPanelState();
  }

  async reset(): Promise<void> {
    this.checkpoint();
    this.layout.stop();
    const task = this.progress.start('Resetting');
    try {
      const opening = await this.opening();
      this.canvas.bulk(() =>
        this.store.batch(() => {
          this.store.clear();
          this.store.merge(opening);
        }),
      );
      this.filters = { ...DEFAULT_FILTERS };
      this.metric = 'degree';
      this.added = [];
      this.removed = [];
      this.query = null;
      this.path = null;
      this.highlight = null;
      this.leftOut.clear();
      await this.select(null);
      this.canvas.indexParallel();
      this.recompute();
    } catch (e) {
      this.toasts.show(`Reset failed: ${(e as Error).message}`, 'error');
    } finally {
      this.progress.end(task);
    }
    await this.runLayout('full');
    this.canvas.fit();
  }

  // ---- selection and the panel -----------------------------------------------

  private nodeState(id: string) {
    const a = this.store.node(id);
    return { onCanvas: !!a, pinned: !!a?.pinned, hidden: !!a?.hidden, expanded: this.store.expanded.has(id) };
  }

  private refreshPanelState(): void {
    const c = this.panel.current;
    if (c?.type === 'entity') this.panel.show({ ...c, node: this.nodeState(c.detail.entity.id), leftOut: this.leftOut.get(c.detail.entity.id) ?? c.leftOut });
  }

  /** Selects an entity from the panel or the table: on the canvas if it is there, else the panel alone. */
  private async selectEntity(id: string): Promise<void> {
    await this.select({ type: 'node', id }, { moveCamera: true });
  }

  async select(sel: Selected, opts: { moveCamera?: boolean } = {}): Promise<void> {
    this.panelCtrl?.abort();
    this.selected = sel;
    this.canvas.refresh();
    this.scheduleUrl();
    if (!sel) {
      if (this.panel.current?.type !== 'paths' || !this.highlight) this.panel.show(null);
      return;
    }
    const ctrl = new AbortController();
    this.panelCtrl = ctrl;
    if (sel.type === 'node') {
      if (opts.moveCamera && this.visibility.nodes.has(sel.id)) this.canvas.focus(sel.id);
      const name = this.store.node(sel.id)?.label ?? sel.id;
      this.panel.show({ type: 'loading', title: name });
      try {
        const detail = await this.progress.track('Loading evidence', api.entity(sel.id, ctrl.signal));
        if (ctrl.signal.aborted) return;
        this.panel.show({ type: 'entity', detail, node: this.nodeState(sel.id), leftOut: this.leftOut.get(sel.id) ?? null });
      } catch (e) {
        if (!isAbort(e)) this.panel.show({ type: 'error', title: name, message: (e as Error).message });
      }
      return;
    }
    const g = this.store.graph;
    if (!g.hasEdge(sel.id)) return;
    const s = g.source(sel.id);
    const t = g.target(sel.id);
    const type = g.getEdgeAttribute(sel.id, 'type');
    const claims = this.store.edgeClaims(sel.id);
    this.panel.show({ type: 'loading', title: typeLabel(type) });
    try {
      const detail = await this.progress.track('Loading evidence', api.entity(s, ctrl.signal));
      if (ctrl.signal.aborted) return;
      const found = claimsOfEdge(detail, claims.map((c) => c.id));
      const foundIds = new Set(found.map((c) => c.id));
      const node = (id: string) => {
        const a = this.store.node(id);
        return { id, name: a?.label ?? id, kind: a?.kind ?? '' };
      };
      // Claims past the detail's cap still show, without their source's details.
      const rest: Claim[] = claims
        .filter((c) => !foundIds.has(c.id))
        .map((c) => ({ id: c.id, type: c.type, direction: 'out', from: node(s), to: node(t), status: c.status ?? '', quote: c.quote ?? '', source: null, properties: c.properties }));
      const meaning = this.schema?.vocabulary.find((v) => v.type === type)?.meaning ?? null;
      this.panel.show({ type: 'edge', edgeId: sel.id, relType: type, meaning, from: node(s), to: node(t), claims: [...found, ...rest] });
    } catch (e) {
      if (!isAbort(e)) this.panel.show({ type: 'error', title: typeLabel(type), message: (e as Error).message });
    }
  }

  // ---- explore ------------------------------------------------------------------

  private expandParams(opts: { types?: string[]; limit?: number }) {
    const allKinds = this.schema?.kinds.map((k) => k.kind) ?? [];
    const kinds = this.filters.hiddenKinds.length && allKinds.length ? allKinds.filter((k) => !this.filters.hiddenKinds.includes(k)) : undefined;
    const status = this.filters.hiddenStatuses.length ? this.statusOrder.filter((s) => !this.filters.hiddenStatuses.includes(s)) : undefined;
    const allTypes = this.schema?.vocabulary.map((v) => v.type) ?? [];
    const types = opts.types ?? (this.filters.hiddenTypes.length && allTypes.length ? allTypes.filter((t) => !this.filters.hiddenTypes.includes(t)) : undefined);
    return { limit: opts.limit ?? EXPAND_CAP, kinds, status, types };
  }

  private markNew(added: MergeResult): void {
    if (!added.nodes.length && !added.edges.length) return;
    this.highlight = { kind: 'new', nodes: new Set(added.nodes), edges: new Set(added.edges), fadeOthers: false };
  }

  async expand(id: string, opts: { types?: string[]; limit?: number } = {}): Promise<void> {
    try {
      const res = await this.progress.track('Expanding', api.neighborhood(id, this.expandParams(opts)));
      this.checkpoint();
      if (!this.store.hasNode(id)) this.added.push(id);
      const added = this.store.merge(res, { near: id });
      this.store.markExpanded(id);
      this.leftOut.set(id, res.leftOut);
      if (this.store.node(id)?.hidden) this.store.setHidden([id], false);
      this.markNew(added);
      const more = res.leftOut.reduce((n, l) => n + l.claims, 0);
      // Claims among the entities shown that the edge cap did not draw (a dense neighbourhood).
      const undrawn = (res.edgesLeftOut ?? []).reduce((n, l) => n + l.claims, 0);
      const undrawnNote = undrawn ? `; ${undrawn.toLocaleString('en')} claims among them not drawn (the strongest are; open an entity for all of its claims)` : '';
      this.toasts.show(
        added.nodes.length || added.claims.length
          ? `Added ${added.nodes.length} entities and ${added.claims.length} claims${more ? `; ${more} more claims not shown (see the panel)` : ''}${undrawnNote}`
          : `Nothing new around ${this.store.node(id)?.label ?? id}${more ? `; ${more} claims left out by the cap` : ''}${undrawnNote}`,
        added.nodes.length ? 'success' : 'info',
      );
      await Promise.resolve();
      this.recompute();
      await this.runLayout('incremental');
      await this.select({ type: 'node', id });
    } catch (e) {
      this.toasts.show(`Could not expand: ${(e as Error).message}`, 'error');
    }
  }

  private toggleHidden(id: string): void {
    const a = this.store.node(id);
    if (!a) return;
    this.checkpoint();
    this.store.setHidden([id], !a.hidden);
    queueMicrotask(() => this.refreshPanelState());
  }

  private showAllHidden(): void {
    const hidden = this.store.hiddenByUser();
    if (!hidden.length) return;
    this.checkpoint();
    this.store.setHidden(hidden, false);
    queueMicrotask(() => this.refreshPanelState());
  }

  private pin(id: string, pinned: boolean): void {
    this.checkpoint();
    this.store.setPinned(id, pinned);
    queueMicrotask(() => this.refreshPanelState());
  }

  private remove(id: string): void {
    if (!this.store.hasNode(id)) return;
    this.checkpoint();
    this.store.removeNodes([id]);
    this.removed = [...new Set([...this.removed, id])];
    this.added = this.added.filter((x) => x !== id);
    if (this.selected?.type === 'node' && this.selected.id === id) void this.select(null);
    this.toasts.show('Removed from the canvas (Undo brings it back)');
  }

  /** A search pick: focus the entity, bringing it (and its neighbours) in when it is not drawn. */
  async pick(hit: SearchHit): Promise<void> {
    if (!this.store.hasNode(hit.id)) {
      try {
        const res = await this.progress.track('Adding', api.neighborhood(hit.id, { limit: SEARCH_ADD_CAP }));
        this.checkpoint();
        const added = this.store.merge(res, { near: res.nodes.find((n) => n.id !== hit.id && this.store.hasNode(n.id))?.id });
        this.added.push(hit.id);
        this.markNew(added);
        await Promise.resolve();
        this.recompute();
      } catch (e) {
        this.toasts.show(`Could not add ${hit.name}: ${(e as Error).message}`, 'error');
        return;
      }
    }
    const a = this.store.node(hit.id);
    if (a?.hidden) this.store.setHidden([hit.id], false);
    if (a && this.filters.hiddenKinds.includes(a.kind)) {
      this.setFilters({ ...this.filters, hiddenKinds: this.filters.hiddenKinds.filter((k) => k !== a.kind) });
      this.toasts.show(`Showing ${a.kind} entities to show ${hit.name}`);
    }
    await Promise.resolve();
    this.recompute();
    await this.runLayout('incremental');
    this.highlight = { kind: 'new', nodes: new Set([hit.id]), edges: new Set(), fadeOthers: false };
    await this.select({ type: 'node', id: hit.id }, { moveCamera: true });
  }

  // ---- paths ----------------------------------------------------------------------

  private names(nodes: { id: string; name: string }[]): Map<string, string> {
    const m = new Map<string, string>();
    this.store.graph.forEachNode((id, a) => m.set(id, a.label));
    nodes.forEach((n) => m.set(n.id, n.name));
    return m;
  }

  async findPaths(q: PathQuery): Promise<void> {
    try {
      const res = await this.progress.track('Finding paths', api.paths({ from: q.from, to: q.to, status: q.status ?? undefined, maxHops: q.maxHops }));
      const names = this.names(res.nodes);
      this.path = q;
      if (!res.paths.length) {
        this.highlight = null;
        this.panel.show({ type: 'paths', from: q.from, to: q.to, status: q.status, result: res, names });
        this.toasts.show('No path found within the hop limit');
        this.recompute();
        return;
      }
      this.checkpoint();
      this.store.merge(res);
      const onPath = new Set(res.paths.flatMap((p) => p.nodes));
      const hiddenOnPath = this.store.hiddenByUser().filter((id) => onPath.has(id));
      if (hiddenOnPath.length) this.store.setHidden(hiddenOnPath, false);
      const hl = pathHighlight(res);
      this.highlight = { kind: 'path', nodes: hl.nodes, edges: hl.edges, fadeOthers: true };
      this.selected = null;
      this.panel.show({ type: 'paths', from: q.from, to: q.to, status: q.status, result: res, names });
      this.pathFinder.toggle(false);
      await Promise.resolve();
      this.recompute();
      await this.runLayout('incremental');
      this.canvas.fit(hl.nodes);
      const hiddenEdges = [...hl.edges].filter((e) => !this.visibility.edges.has(e)).length;
      if (hiddenEdges) this.toasts.show(`${hiddenEdges} step(s) of the path are hidden by the filters`, 'info');
    } catch (e) {
      this.toasts.show(`Path search failed: ${(e as Error).message}`, 'error');
    }
  }

  private showPath(i: number): void {
    const c = this.panel.current;
    if (c?.type !== 'paths') return;
    const hl = pathHighlight(c.result, i);
    this.setHighlight({ kind: 'path', nodes: hl.nodes, edges: hl.edges, fadeOthers: true });
    this.canvas.fit(hl.nodes);
  }

  private clearPaths(): void {
    this.path = null;
    if (this.highlight?.kind === 'path') this.setHighlight(null);
    if (this.panel.current?.type === 'paths') this.panel.show(null);
    this.scheduleUrl();
  }

  // ---- console ------------------------------------------------------------------------

  private async toggleConsole(): Promise<void> {
    if (!this.console) {
      this.console = await this.progress.track(
        'Loading the Cypher editor',
        openConsole($('console'), {
          run: (q) => this.runQuery(q),
          select: (id) => void this.selectEntity(id),
          close: () => this.console?.hide(),
          schema: () => this.schema,
        }),
      );
    }
    this.console.toggle();
  }

  async runQuery(q: string): Promise<{ result: CypherResult; merge: MergeSummary }> {
    const result = await this.progress.track('Running query', api.cypher(q));
    this.checkpoint();
    const added = this.store.merge(result.graph);
    this.query = q;
    const ids = new Set(result.graph.nodes.map((n) => n.id));
    // New items are highlighted; items already drawn keep their place.
    this.highlight = added.nodes.length || added.edges.length ? { kind: 'new', nodes: new Set(added.nodes), edges: new Set(added.edges), fadeOthers: false } : null;
    await Promise.resolve();
    this.recompute();
    void this.runLayout('incremental');
    const shown = [...ids].filter((id) => this.visibility.nodes.has(id));
    if (shown.length && !added.nodes.length) this.canvas.fit(shown);
    return {
      result,
      merge: { newNodes: added.nodes.length, newClaims: added.claims.length, nodes: result.graph.nodes.length, claims: result.graph.edges.length },
    };
  }

  // ---- export ---------------------------------------------------------------------------

  private async exportPng(scope: ExportScope): Promise<void> {
    const sigma = this.canvas.sigma;
    let camera;
    if (scope === 'selection') {
      const ids = scopeIds(scope, this.store.graph, this.visibility.nodes, this.selected);
      if (!ids) return this.toasts.show('Select an entity or an edge first', 'info');
      camera = this.frameFor(ids);
    }
    const kinds = [...this.visibility.counts.kinds.entries()]
      .filter(([, c]) => c.shown > 0)
      .map(([kind]) => ({ kind, label: this.schema?.kinds.find((k) => k.kind === kind)?.label ?? kind }));
    const statuses = this.statusOrder.filter((s) => (this.visibility.counts.statuses.get(s)?.shown ?? 0) > 0);
    const focus = this.selected?.type === 'node' ? this.store.node(this.selected.id)?.label : undefined;
    try {
      const blob = await this.progress.track(
        'Rendering PNG',
        pngWithLegend(sigma as unknown as Parameters<typeof pngWithLegend>[0], { kinds, statuses, title: focus ?? this.schema?.datasets[0]?.title ?? 'claimgraph', note: 'Arrows run from subject to object.\nThicker edges: more sources;\nlabels count them.' }, camera),
      );
      saveBlob(blob, `${fileStem(focus ?? 'view')}.png`);
    } catch (e) {
      this.toasts.show(`PNG export failed: ${(e as Error).message}`, 'error');
    }
  }

  private frameFor(ids: string[]) {
    const box = boundsOf(ids.map((id) => this.canvas.sigma.getNodeDisplayData(id)));
    return box ? { ...frameOf(box, 1.4), angle: 0 } : undefined;
  }

  private async exportFile(format: ExportFormat, scope: ExportScope): Promise<void> {
    const ids = scopeIds(scope, this.store.graph, this.visibility.nodes, this.selected);
    if (!ids) return this.toasts.show(scope === 'selection' ? 'Select an entity or an edge first' : 'Nothing is drawn to export', 'info');
    const label = FORMATS.find((f) => f.format === format)?.label ?? format;
    try {
      const file = await this.progress.track(`Exporting ${label}`, api.export(format, selectionFor(ids)));
      saveBlob(file.blob, file.fileName);
      this.toasts.show(`Exported ${ids.length} entities as ${label}`, 'success');
    } catch (e) {
      this.toasts.show(`Export failed: ${e instanceof ApiError ? e.message : String(e)}`, 'error');
    }
  }

  // ---- keyboard and test hook ----------------------------------------------------------------

  private bindKeys(): void {
    document.addEventListener('keydown', (e) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === '/' && !typingIn(e)) {
        e.preventDefault();
        this.search.focus();
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 'z' && !typingIn(e)) {
        e.preventDefault();
        this.undo();
      } else if (mod && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y') && !typingIn(e)) {
        e.preventDefault();
        this.redo();
      } else if (e.key === 'Escape' && !typingIn(e)) {
        if (this.pathFinder.isOpen) this.pathFinder.toggle(false);
        else if (this.selected || this.panel.current) void this.select(null);
        else if (this.highlight) this.setHighlight(null);
      }
    });
  }

  summary(): SummaryOfView {
    const g = this.store.graph;
    const cam = this.canvas.camera();
    let rendered = 0;
    g.forEachNode((id) => {
      const d = this.canvas.sigma.getNodeDisplayData(id);
      if (d && !d.hidden) rendered++;
    });
    return {
      nodes: g.order,
      edges: g.size,
      claims: this.store.claims.size,
      visibleNodes: [...this.visibility.nodes],
      visibleEdges: [...this.visibility.edges].map(([id, claims]) => ({
        id,
        source: g.source(id),
        target: g.target(id),
        type: g.getEdgeAttribute(id, 'type'),
        statuses: claims.map((c) => c.status ?? ''),
        claims: claims.map((c) => c.id),
      })),
      renderedNodes: rendered,
      selected: this.selected,
      highlight: this.highlight ? { kind: this.highlight.kind, nodes: [...this.highlight.nodes], edges: [...this.highlight.edges] } : null,
      layoutRunning: this.layout.running,
      busy: Number(document.body.dataset.busy ?? 0),
      panel: this.panel.current?.type ?? null,
      filters: { ...this.filters },
      camera: { x: cam.x, y: cam.y, ratio: cam.ratio },
    };
  }

  private installHook(): void {
    const hook: TestHook = {
      ready: this.readyPromise,
      idle: async () => {
        for (let i = 0; i < 600; i++) {
          if (!this.layout.running && document.body.dataset.busy === '0') {
            await new Promise((r) => requestAnimationFrame(() => r(null)));
            if (!this.layout.running && document.body.dataset.busy === '0') return;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      summary: () => this.summary(),
      nodePosition: (id) => this.canvas.nodeViewport(id) ?? null,
      edgePosition: (id, t = 0.5) => {
        const g = this.store.graph;
        if (!g.hasEdge(id)) return null;
        const a = this.canvas.nodeViewport(g.source(id));
        const b = this.canvas.nodeViewport(g.target(id));
        return a && b ? { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t } : null;
      },
      perf: () => {
        const st = this.canvas.stats;
        return { renders: st.renders.map((r) => ({ ...r })), renderCount: st.renderCount, renderMs: st.renderMs, layout: this.layout.stats ? { ...this.layout.stats } : null };
      },
      moveCamera: (state, durationMs) => this.canvas.animateCamera(state, durationMs),
    };
    Object.defineProperty(window, '__claimgraph', { value: Object.freeze(hook), configurable: false, writable: false });
  }
}
