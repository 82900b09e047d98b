/**
 * The sigma.js canvas over the store's graph. Everything that changes how an
 * item looks without changing the data (filters, hover, selection, path
 * highlight, size metric) is applied in sigma's reducers from a CanvasView,
 * so the graph itself only holds data and positions.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS, drawDiscNodeLabel, drawStraightEdgeLabel, type NodeLabelDrawingFunction, EdgeArrowProgram, type EdgeLabelDrawingFunction } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData, CameraState } from 'sigma/types';
import { createDrawCurvedEdgeLabel, createEdgeCurveProgram, DEFAULT_EDGE_CURVATURE, DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS } from '@sigma/edge-curve';
import type { GraphStore, NodeAttrs, EdgeAttrs } from '../graph/index.ts';
import { isBigView } from '../graph/utils.ts';
import { UI } from '../theme/index.ts';
import { createDashedArrowProgram } from './programs.ts';
import type { CanvasEvents, CanvasView, RenderStats } from './types.ts';
import { edgeLook, fade, indexParallelEdges, shortLabel } from './utils.ts';

export type { CanvasView, Selected, Highlight, CanvasEvents, RenderStats } from './types.ts';

/** Camera ratio under which every edge label is drawn (at the overview only a few are). */
const EDGE_LABEL_RATIO = 0.55;
/** Graphs with at most this many drawn edges show all edge labels at any zoom. */
const FEW_EDGES = 60;

/** Node labels with a white halo, so that they stay legible over edges (sigma's own draws the text alone). */
const drawHaloNodeLabel: NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs> = (context, data, settings) => {
  if (!data.label) return;
  context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  context.lineWidth = 3;
  context.lineJoin = 'round';
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  // Where drawDiscNodeLabel writes it.
  context.strokeText(data.label, data.x + data.size + 3, data.y + settings.labelSize / 3);
  drawDiscNodeLabel(context, data, settings);
};

/** Rendered node size (px) from which a node gets its label, on normal and big views. */
const LABEL_THRESHOLD = 4;
const BIG_LABEL_THRESHOLD = 6;
const LABEL_DENSITY = 0.6;

/** What the edge reducer adds to sigma's edge display data. */
type EdgeLook = Partial<EdgeDisplayData> & { curvature?: number; inFocus?: boolean };

export class Canvas {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private hovered: string | null = null;
  private hoverNeighbors = new Set<string>();
  private dragging: string | null = null;
  private dragMoved = false;
  readonly stats: RenderStats = { renders: [], renderCount: 0, renderMs: 0 };
  /** Sigma is showing `placeholder` while the store's graph takes a bulk change; the next refresh() reattaches it. */
  private detached = false;
  private readonly placeholder = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  private big = false;
  /** The store version the parallel-edge curvatures were computed at. */
  private indexedVersion = -1;

  constructor(
    container: HTMLElement,
    private readonly store: GraphStore,
    private readonly view: () => CanvasView,
    private readonly on: CanvasEvents,
  ) {
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(store.graph, container, {
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: {
        arrow: EdgeArrowProgram,
        curved: createEdgeCurveProgram({
          ...DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS,
          arrowHead: DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS,
          drawLabel: this.edgeLabelsWhenReadable(createDrawCurvedEdgeLabel(DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS)),
        }),
        dashed: createDashedArrowProgram(7, 4),
        dotted: createDashedArrowProgram(2, 3.5),
      },
      defaultDrawEdgeLabel: this.edgeLabelsWhenReadable(drawStraightEdgeLabel),
      defaultDrawNodeLabel: drawHaloNodeLabel,
      labelFont: UI.font,
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: UI.labelColor },
      edgeLabelFont: UI.font,
      edgeLabelSize: 10,
      edgeLabelWeight: '400',
      edgeLabelColor: { color: '#6b7682' },
      labelDensity: LABEL_DENSITY,
      labelGridCellSize: 110,
      labelRenderedSizeThreshold: LABEL_THRESHOLD,
      minEdgeThickness: 1,
      stagePadding: 48,
      zIndex: true,
      minCameraRatio: 0.03,
      maxCameraRatio: 4,
      nodeReducer: (node, data) => this.nodeReducer(node, data),
      edgeReducer: (edge, data) => this.edgeReducer(edge, data),
    });
    this.bindEvents();
    this.countRenders();
    this.indexParallel();
    store.onMove(() => this.moved());
  }

  /**
   * Edge labels only where they can be read: zoomed in, on small graphs, or
   * around the hovered or selected item (the reducer marks those `inFocus`).
   * Decided when drawing, so crossing the zoom threshold needs no refresh.
   */
  private edgeLabelsWhenReadable(draw: EdgeLabelDrawingFunction<NodeAttrs, EdgeAttrs>): EdgeLabelDrawingFunction<NodeAttrs, EdgeAttrs> {
    return (context, edgeData, sourceData, targetData, settings) => {
      if (!(edgeData as EdgeLook).inFocus && this.sigma.getCamera().ratio > EDGE_LABEL_RATIO && this.view().visibility.edges.size > FEW_EDGES) return;
      draw(context, edgeData, sourceData, targetData, settings);
    };
  }

  /**
   * On a big graph, sigma's edge-label pass (every edge checked on every
   * frame) runs only while something is hovered, selected or highlighted:
   * edge labels show around it, not across a zoomed-in hairball. Decided
   * before each render. Sigma reads
   * this setting only when drawing, but setSetting() would reprocess every
   * node and edge, so it is set in place (with setSetting as the fallback).
   */
  private edgeLabelsPass(): void {
    const v = this.view();
    const want = !this.big || this.hovered !== null || v.selected !== null || v.highlight !== null;
    const settings = (this.sigma as unknown as { settings?: { renderEdgeLabels?: boolean } }).settings;
    if (settings?.renderEdgeLabels === want) return;
    if (settings && typeof settings.renderEdgeLabels === 'boolean') settings.renderEdgeLabels = want;
    else this.sigma.setSetting('renderEdgeLabels', want);
  }

  /**
   * Runs a change of many nodes or edges with sigma detached from the graph
   * (attached, it processes every added node and edge as it comes, reducers
   * included); the next refresh() attaches it again and draws once.
   */
  bulk<T>(fn: () => T): T {
    this.detach();
    return fn();
  }

  /** True between bulk() and the refresh() that draws the change. */
  get isDetached(): boolean {
    return this.detached;
  }

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.sigma.setGraph(this.placeholder);
  }

  /** Positions changed in place (layout, drag): sigma re-reads them when it processes, reducers are not re-run. */
  private moved(): void {
    if (!this.detached) this.sigma.refresh({ partialGraph: { nodes: [] }, schedule: true });
  }

  /** Sigma's settings for big graphs, changed only while detached (sigma reprocesses the graph on a settings change). */
  private sizeSettings(): void {
    const g = this.store.graph;
    const big = isBigView(g.order, g.size);
    if (big === this.big) return;
    this.big = big;
    this.sigma.setSetting('hideEdgesOnMove', big);
    this.sigma.setSetting('hideLabelsOnMove', big);
    // Labels for the biggest entities only (sizes are NODE_SIZES.big); zooming in reveals more.
    this.sigma.setSetting('labelRenderedSizeThreshold', big ? BIG_LABEL_THRESHOLD : LABEL_THRESHOLD);
    this.sigma.setSetting('labelDensity', big ? 0.35 : LABEL_DENSITY);
    this.edgePicking(!big);
  }

  /**
   * Edge events (hover, click) need sigma to draw every edge a second time,
   * into a picking framebuffer, on every frame: on a big view that doubled
   * the time of each frame (bench/RENDER.md), so a big view has no edge
   * events (an entity's panel lists its claims). Sigma 3.0 decides this once,
   * at construction (`enableEdgeEvents`), so each edge program's picking pass
   * (`pickProgram`, compound programs hold theirs in `programs`) is put aside
   * and back, and the setting flipped in place (setSetting would reprocess
   * the graph). Sigma is pinned to 3.0.x; if these internals change, this
   * does nothing.
   */
  private edgePicking(on: boolean): void {
    type Pickable = { pickProgram?: unknown; pickAside?: unknown; programs?: Pickable[] };
    const programs = (this.sigma as unknown as { edgePrograms?: Record<string, Pickable> }).edgePrograms ?? {};
    for (const program of Object.values(programs)) {
      for (const p of program.programs ?? [program]) {
        if (on && p.pickAside) {
          p.pickProgram = p.pickAside;
          p.pickAside = undefined;
        } else if (!on && p.pickProgram) {
          p.pickAside = p.pickProgram;
          p.pickProgram = null;
        }
      }
    }
    // The pointer handlers read the setting on each event (off: no pixel read-back of the edge layer per mouse move).
    const settings = (this.sigma as unknown as { settings?: { enableEdgeEvents?: boolean } }).settings;
    if (settings && typeof settings.enableEdgeEvents === 'boolean') settings.enableEdgeEvents = on;
  }

  /** The canvas is drawing a big view (see isBigView). */
  get isBig(): boolean {
    return this.big;
  }

  private countRenders(): void {
    let t0 = 0;
    this.sigma.on('beforeRender', () => {
      t0 = performance.now();
      this.edgeLabelsPass();
    });
    this.sigma.on('afterRender', () => {
      const t = performance.now();
      const st = this.stats;
      st.renderCount++;
      st.renderMs += t - t0;
      const nodes = this.store.graph.order;
      const visible = this.view().visibility.nodes.size;
      const last = st.renders.at(-1);
      if (st.renders.length < 20 && (last?.nodes !== nodes || last.visible !== visible)) st.renders.push({ at: t, nodes, visible });
    });
  }

  /**
   * Curves edges that share a pair of nodes (several types, or both
   * directions): attributes written in place, so the refresh that always
   * follows draws them. Only when the graph changed since the last time.
   */
  indexParallel(): void {
    if (this.indexedVersion === this.store.version) return;
    this.indexedVersion = this.store.version;
    indexParallelEdges(this.store.graph, DEFAULT_EDGE_CURVATURE);
  }

  private nodeReducer(node: string, data: NodeAttrs): Partial<NodeDisplayData> {
    const v = this.view();
    // Only what sigma draws (not the entity and the store's flags): this runs for every node on every refresh.
    if (!v.visibility.nodes.has(node)) return { x: data.x, y: data.y, size: data.size, color: data.color, label: data.label, hidden: true };
    const selected = v.selected?.type === 'node' && v.selected.id === node;
    const full = selected || node === this.hovered || v.highlight?.nodes.has(node);
    const res: Partial<NodeDisplayData> = { x: data.x, y: data.y, size: v.sizes.get(node) ?? data.size, color: data.color, label: full ? data.label : shortLabel(data.label) };
    if (this.hovered) {
      if (node === this.hovered || this.hoverNeighbors.has(node)) {
        res.forceLabel = true;
        res.zIndex = 2;
      } else {
        res.color = fade(data.color, 0.82);
        res.label = '';
        res.zIndex = 0;
      }
    } else if (v.highlight) {
      if (v.highlight.nodes.has(node)) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      } else if (v.highlight.fadeOthers) {
        res.color = fade(data.color, 0.8);
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (selected) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 3;
    }
    return res;
  }

  private edgeReducer(edge: string, data: EdgeAttrs): Partial<EdgeDisplayData> {
    const v = this.view();
    const claims = v.visibility.edges.get(edge);
    const g = this.store.graph;
    if (!claims) return { hidden: true };
    const s = g.source(edge);
    const t = g.target(edge);
    if (!v.visibility.nodes.has(s) || !v.visibility.nodes.has(t)) return { hidden: true };
    const look = edgeLook(data.type, claims, typeof data.parallelIndex === 'number', this.big);
    const res: EdgeLook = { ...look, curvature: this.big ? undefined : data.curvature, zIndex: 1 };
    const selected = v.selected?.type === 'edge' && v.selected.id === edge;
    // Edges around the hovered or selected item keep their labels at any zoom (edgeLabelsWhenReadable).
    const sel = v.selected;
    res.inFocus =
      selected || (sel?.type === 'node' && (sel.id === s || sel.id === t)) || (this.hovered !== null && (this.hovered === s || this.hovered === t)) || !!v.highlight?.edges.has(edge);
    if (this.hovered) {
      if (s !== this.hovered && t !== this.hovered) {
        res.color = UI.dimEdge;
        res.label = '';
        res.zIndex = 0;
      } else res.zIndex = 2;
    } else if (v.highlight) {
      if (v.highlight.edges.has(edge)) {
        res.color = v.highlight.kind === 'path' ? '#c77c02' : look.color;
        res.size = Math.max(look.size, 2.5) * 1.4;
        res.zIndex = 2;
      } else if (v.highlight.fadeOthers) {
        res.color = UI.dimEdge;
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (selected) {
      res.color = '#c77c02';
      res.size = Math.max(look.size, 2) * 1.6;
      res.zIndex = 3;
    }
    return res;
  }

  private bindEvents(): void {
    const s = this.sigma;
    s.on('clickNode', ({ node }) => {
      if (this.dragMoved) return;
      this.on.clickNode(node);
    });
    s.on('doubleClickNode', (e) => {
      e.preventSigmaDefault();
      this.on.doubleClickNode(e.node);
    });
    s.on('clickEdge', ({ edge }) => this.on.clickEdge(edge));
    s.on('clickStage', () => this.on.clickStage());
    s.on('enterNode', ({ node }) => this.setHovered(node));
    s.on('leaveNode', () => this.setHovered(null));
    s.on('enterEdge', () => (s.getContainer().style.cursor = 'pointer'));
    s.on('leaveEdge', () => (s.getContainer().style.cursor = ''));
    // Drag a node to move it; it stays pinned where it is dropped.
    s.on('downNode', ({ node }) => {
      this.dragging = node;
      this.dragMoved = false;
    });
    s.getMouseCaptor().on('mousemovebody', (e) => {
      if (!this.dragging) return;
      const p = s.viewportToGraph(e);
      this.store.setPositions(new Map([[this.dragging, p]]));
      this.dragMoved = true;
      e.preventSigmaDefault();
      e.original.preventDefault();
      e.original.stopPropagation();
    });
    const endDrag = () => {
      if (this.dragging && this.dragMoved) this.on.dragged(this.dragging);
      this.dragging = null;
      setTimeout(() => (this.dragMoved = false), 0);
    };
    s.getMouseCaptor().on('mouseup', endDrag);
    s.getMouseCaptor().on('mouseleave', endDrag);
    s.getCamera().on('updated', () => this.on.cameraMoved());
  }

  private setHovered(node: string | null): void {
    this.hovered = node;
    this.hoverNeighbors = new Set(node ? this.store.graph.neighbors(node) : []);
    this.sigma.getContainer().style.cursor = node ? 'pointer' : '';
    this.sigma.refresh({ skipIndexation: true });
  }

  refresh(): void {
    // The graph may have changed under the pointer: recompute the hovered node's neighbours.
    if (this.hovered) {
      if (this.store.graph.hasNode(this.hovered)) this.hoverNeighbors = new Set(this.store.graph.neighbors(this.hovered));
      else this.hovered = null;
    }
    if (this.detached) {
      // Settings first, while sigma holds the empty placeholder (a settings change reprocesses the graph).
      this.sizeSettings();
      this.detached = false;
      this.sigma.setGraph(this.store.graph); // processes and draws everything once
      return;
    }
    if (this.big !== isBigView(this.store.graph.order, this.store.graph.size)) {
      this.detach();
      this.refresh();
      return;
    }
    this.sigma.refresh();
  }

  /** Moves the camera onto a node. */
  focus(id: string, ratio = 0.6): void {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return;
    // Fire and forget: sigma's camera promise only says when the animation ends, and never rejects.
    void this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: 450 });
  }

  /** Frames a set of nodes (the whole graph when empty). */
  fit(ids?: Iterable<string>): void {
    const list = ids ? [...ids] : [];
    const cam = this.sigma.getCamera();
    if (!list.length) {
      void cam.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 350 }); // ends on its own, never rejects
      return;
    }
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const id of list) {
      const d = this.sigma.getNodeDisplayData(id);
      if (!d) continue;
      minX = Math.min(minX, d.x);
      maxX = Math.max(maxX, d.x);
      minY = Math.min(minY, d.y);
      maxY = Math.max(maxY, d.y);
    }
    if (!Number.isFinite(minX)) return;
    const ratio = Math.min(1, Math.max(0.15, Math.max(maxX - minX, maxY - minY) * 1.35));
    void cam.animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 450 }); // ends on its own, never rejects
  }

  camera(): CameraState {
    return this.sigma.getCamera().getState();
  }

  setCamera(state: Partial<CameraState>): void {
    this.sigma.getCamera().setState(state);
  }

  /** Animates the camera to a state (a duration of 0 jumps there); resolves when it arrives. */
  animateCamera(state: Partial<CameraState>, duration: number): Promise<void> {
    const cam = this.sigma.getCamera();
    if (duration > 0) return cam.animate(state, { duration });
    cam.setState(state);
    return Promise.resolve();
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    // Fire and forget: the zoom promises only say when the animation ends, and never reject.
    if (factor > 1) void cam.animatedUnzoom({ duration: 200, factor });
    else void cam.animatedZoom({ duration: 200, factor: 1 / factor });
  }

  /** Where a node is drawn, in CSS pixels of the canvas container. */
  nodeViewport(id: string): { x: number; y: number } | undefined {
    const d = this.sigma.getNodeDisplayData(id);
    return d ? this.sigma.framedGraphToViewport(d) : undefined;
  }

  viewport(): { width: number; height: number } {
    const { width, height } = this.sigma.getDimensions();
    return { width, height };
  }

  kill(): void {
    this.sigma.kill();
  }
}
