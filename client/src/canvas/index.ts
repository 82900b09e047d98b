/**
 * The sigma.js canvas over the state's graph. Everything that changes how an
 * item looks without changing the data (filters, hover, selection, path
 * highlight, size metric) is applied in sigma's reducers (reducers.ts) from
 * the state, so the graph itself only holds data and positions. The canvas
 * hears of changes through `onChange` (a state subscriber) and writes back
 * what the user does to it: positions of dragged nodes and the camera.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS, drawDiscNodeLabel, drawStraightEdgeLabel, EdgeArrowProgram, type EdgeLabelDrawingFunction, type NodeLabelDrawingFunction } from 'sigma/rendering';
import type { CameraState } from 'sigma/types';
import { createDrawCurvedEdgeLabel, createEdgeCurveProgram, DEFAULT_EDGE_CURVATURE, DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS } from '@sigma/edge-curve';
import { boundsOf } from '../graph/bounds.ts';
import type { NodeAttrs, EdgeAttrs } from '../graph/index.ts';
import { hasSelection, type CameraView, type Change, type ExplorerState } from '../state/index.ts';
import { UI } from '../theme/index.ts';
import { setEdgeLabelsPass, setEdgePicking } from './big-view.ts';
import { frameInFreeArea } from './free-area.ts';
import { LabelLayer, type DrawnLabel } from './label-layer.ts';
import { drawHaloNodeLabel, drawHover } from './labels.ts';
import { indexParallelEdges } from './parallel-edges.ts';
import { createDashedArrowProgram } from './programs.ts';
import { edgeReducer, nodeReducer, type EdgeLook } from './reducers.ts';
import type { Point } from '../selection/types.ts';
import { LassoGesture, modifiersOf, nodesInside, panBy } from './lasso.ts';
import { SelectionRings } from './rings.ts';
import type { CanvasEvents, DrawState, RenderStats } from './types.ts';

export type { DrawState, Selected, Highlight, CanvasEvents, RenderStats } from './types.ts';

/** What the canvas redraws for (besides positions and the camera). */
const DRAWN_FROM = ['graph', 'filters', 'statusOrder', 'metric', 'colorBy', 'schema', 'selection', 'highlight'] as const;

/** Camera ratio under which every edge label is drawn (at the overview only a few are). */
const EDGE_LABEL_RATIO = 0.55;
/** Graphs with at most this many drawn edges show all edge labels at any zoom. */
const FEW_EDGES = 60;

/**
 * Big views: a halo only where it matters, around the labels of entities in
 * focus (hovered, selected, highlighted: the reducer forces their labels).
 * Their edges are thin and faint, so the other labels stay legible without
 * one, and each halo is a strokeText as costly as the text itself.
 */
const drawFocusHaloNodeLabel: NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs> = (context, data, settings) => {
  if (data.forceLabel || data.highlighted) drawHaloNodeLabel(context, data, settings);
  else drawDiscNodeLabel(context, data, settings);
};

/** Rendered node size (px) from which a node gets its label, on big views (normal views place labels themselves, see LabelLayer). */
const LABEL_THRESHOLD = 4;
const BIG_LABEL_THRESHOLD = 6;
const LABEL_DENSITY = 0.6;

export class Canvas {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private hovered: string | null = null;
  private hoverNeighbors = new Set<string>();
  private dragging: string | null = null;
  private dragMoved = false;
  private hoveredEdge: string | null = null;
  /** Node and edge labels of normal views, placed without overlaps. */
  private readonly labels = new LabelLayer();
  readonly stats: RenderStats = { renders: [], renderCount: 0, renderMs: 0 };
  /** Sigma is showing `placeholder` while the store's graph takes a bulk change; the next refresh() reattaches it. */
  private detached = false;
  private readonly placeholder = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  private big = false;
  /** The store version the parallel-edge curvatures were computed at. */
  private indexedVersion = -1;
  /** Box and lasso selection (Shift, Alt or Ctrl + drag, or the lasso tool). */
  readonly lasso: LassoGesture;
  /** The lasso tool is on: a plain drag on the empty canvas draws a lasso instead of panning. */
  lassoTool = false;

  constructor(
    container: HTMLElement,
    private readonly state: ExplorerState,
    private readonly on: CanvasEvents,
  ) {
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(state.graph.graph, container, {
      allowInvalidContainer: true,
      // A normal view's labels are drawn by the LabelLayer after each frame; a big view turns sigma's own on (sizeSettings).
      renderLabels: false,
      renderEdgeLabels: false,
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
      defaultDrawNodeHover: drawHover(() => this.big),
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
      nodeReducer: (node, data) => nodeReducer(this.draw(), node, data),
      edgeReducer: (edge, data) => edgeReducer(this.draw(), state.graph.graph, edge, data),
    });
    this.lasso = new LassoGesture(this.sigma, container.parentElement ?? container, {
      tool: () => this.lassoTool,
      done: (polygon, kind, mods) => this.on.area(this.nodesInside(polygon), kind === 'box' || mods.shift),
    });
    new SelectionRings(this.sigma, this.lasso.overlay, () => this.state.view.selection.nodes);
    // Focusable, so that the keyboard can pan, zoom and act on the selection (app/keys.ts).
    container.tabIndex = 0;
    container.setAttribute('role', 'application');
    container.setAttribute('aria-roledescription', 'network canvas');
    this.bindEvents();
    this.countRenders();
    this.indexParallel();
    new ResizeObserver(() => {
      this.sigma.resize();
      this.sigma.refresh({ skipIndexation: true });
    }).observe(container);
    state.set({ camera: this.camera() });
  }

  /** What this frame is drawn from. */
  private draw(): DrawState {
    const v = this.state.view;
    return { visibility: this.state.visibility, sizes: this.state.sizes, colors: this.state.colors, selection: v.selection, highlight: v.highlight, hovered: this.hovered, hoverNeighbors: this.hoverNeighbors, big: this.big };
  }

  /** The state's subscriber: redraws for what changed, follows positions, moves the camera where the state says. */
  onChange(c: Change): void {
    if (c.has('graph')) this.indexParallel();
    if (this.detached || c.has(...DRAWN_FROM)) this.refresh();
    else if (c.has('positions')) this.moved();
    if (c.has('camera')) this.moveTo(this.state.view.camera);
  }

  /** Sets the camera to the state's, unless it is there (the canvas wrote it). */
  private moveTo(cam: CameraView | null): void {
    if (!cam) return;
    const now = this.camera();
    if (now.x !== cam.x || now.y !== cam.y || now.ratio !== cam.ratio || now.angle !== cam.angle) this.sigma.getCamera().setState(cam);
  }

  /**
   * Edge labels only where they can be read: zoomed in, on small graphs, or
   * around the hovered or selected item (the reducer marks those `inFocus`).
   * Decided when drawing, so crossing the zoom threshold needs no refresh.
   */
  private edgeLabelsWhenReadable(draw: EdgeLabelDrawingFunction<NodeAttrs, EdgeAttrs>): EdgeLabelDrawingFunction<NodeAttrs, EdgeAttrs> {
    return (context, edgeData, sourceData, targetData, settings) => {
      if (!(edgeData as EdgeLook).inFocus && this.sigma.getCamera().ratio > EDGE_LABEL_RATIO && this.state.visibility.edges.size > FEW_EDGES) return;
      draw(context, edgeData, sourceData, targetData, settings);
    };
  }

  /** Sigma's edge labels: none on a normal view (the LabelLayer draws them); across a big view only around something hovered, selected or highlighted (see setEdgeLabelsPass). */
  private edgeLabelsPass(): void {
    const v = this.state.view;
    setEdgeLabelsPass(this.sigma, this.big && (this.hovered !== null || hasSelection(v.selection) || v.highlight !== null));
  }

  /** The labels drawn in the last frame (test hook). */
  drawnLabels(): DrawnLabel[] {
    return this.labels.drawn();
  }

  /**
   * Runs a change of many nodes or edges with sigma detached from the graph
   * (attached, it processes every added node and edge as it comes, reducers
   * included); the next refresh() attaches it again and draws once.
   */
  bulk<T>(fn: () => T): T {
    const version = this.state.graph.version;
    this.detach();
    try {
      return fn();
    } finally {
      // Nothing changed: no notification will come to attach it again.
      if (this.detached && this.state.graph.version === version) this.refresh();
    }
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
    const big = this.state.isBig;
    if (big === this.big) return;
    this.big = big;
    this.sigma.setSetting('hideEdgesOnMove', big);
    this.sigma.setSetting('hideLabelsOnMove', big);
    // Labels for the biggest entities only (sizes are NODE_SIZES.big); zooming in reveals more.
    this.sigma.setSetting('labelRenderedSizeThreshold', big ? BIG_LABEL_THRESHOLD : LABEL_THRESHOLD);
    this.sigma.setSetting('labelDensity', big ? 0.35 : LABEL_DENSITY);
    this.sigma.setSetting('renderLabels', big);
    if (big) this.labels.clear();
    if (big) this.sigma.setSetting('defaultDrawNodeLabel', drawFocusHaloNodeLabel);
    setEdgePicking(this.sigma, !big);
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
      if (!this.big) this.labels.render(this.sigma, { draw: this.draw(), hoveredEdge: this.hoveredEdge });
      const t = performance.now();
      const st = this.stats;
      st.renderCount++;
      st.renderMs += t - t0;
      const nodes = this.state.graph.graph.order;
      const visible = this.state.visibility.nodes.size;
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
    if (this.indexedVersion === this.state.graph.version) return;
    this.indexedVersion = this.state.graph.version;
    indexParallelEdges(this.state.graph.graph, DEFAULT_EDGE_CURVATURE);
  }

  private bindEvents(): void {
    const s = this.sigma;
    // sigma makes any two clicks within its double-click timeout a double click, wherever
    // they are: a click on an entity and, quickly after, one on an edge or the background
    // are two clicks, and two quick Shift-clicks on two entities are not an expansion. Only a
    // second click on the same target is a double click.
    let lastClicked: string | null = null;
    s.on('clickNode', ({ node, event }) => {
      if (this.dragMoved || this.lasso.takeSwallowedClick()) return;
      lastClicked = `node:${node}`;
      this.on.clickNode(node, modifiersOf(event.original));
    });
    s.on('doubleClickNode', (e) => {
      e.preventSigmaDefault();
      const mods = modifiersOf(e.event.original);
      if (mods.shift || mods.ctrl || lastClicked !== `node:${e.node}`) this.on.clickNode(e.node, mods);
      else this.on.doubleClickNode(e.node);
      lastClicked = null;
    });
    s.on('clickEdge', ({ edge, event }) => {
      if (this.lasso.takeSwallowedClick()) return;
      lastClicked = `edge:${edge}`;
      this.on.clickEdge(edge, modifiersOf(event.original));
    });
    s.on('doubleClickEdge', (e) => {
      const mods = modifiersOf(e.event.original);
      const again = lastClicked === `edge:${e.edge}`;
      lastClicked = null;
      // A real double click on one edge keeps sigma's zoom; a second click elsewhere is a click.
      if (again && !(mods.shift || mods.ctrl)) return;
      e.preventSigmaDefault();
      this.on.clickEdge(e.edge, mods);
    });
    s.on('clickStage', () => {
      if (this.lasso.takeSwallowedClick()) return;
      lastClicked = 'stage';
      this.on.clickStage();
    });
    s.on('doubleClickStage', (e) => {
      const again = lastClicked === 'stage';
      lastClicked = null;
      if (again) return;
      e.preventSigmaDefault();
      if (!this.lasso.takeSwallowedClick()) this.on.clickStage();
    });
    s.on('enterNode', ({ node }) => this.setHovered(node));
    s.on('leaveNode', () => this.setHovered(null));
    s.on('enterEdge', ({ edge }) => this.setHoveredEdge(edge));
    s.on('leaveEdge', () => this.setHoveredEdge(null));
    // Drag a node to move it; it stays pinned where it is dropped.
    s.on('downNode', ({ node }) => {
      this.dragging = node;
      this.dragMoved = false;
    });
    s.getMouseCaptor().on('mousemovebody', (e) => {
      if (!this.dragging) return;
      const p = s.viewportToGraph(e);
      this.state.graph.setPositions(new Map([[this.dragging, p]]));
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
    s.getCamera().on('updated', () => this.state.set({ camera: this.camera() }));
  }

  /** The edge under the pointer gets its label (a render, no reducer run). */
  private setHoveredEdge(edge: string | null): void {
    this.hoveredEdge = edge;
    this.sigma.getContainer().style.cursor = edge ? 'pointer' : '';
    this.sigma.scheduleRender();
  }

  private setHovered(node: string | null): void {
    this.hovered = node;
    this.hoverNeighbors = new Set(node ? this.state.graph.graph.neighbors(node) : []);
    this.sigma.getContainer().style.cursor = node ? 'pointer' : '';
    this.sigma.refresh({ skipIndexation: true });
  }

  refresh(): void {
    // The graph may have changed under the pointer: recompute the hovered node's neighbours.
    const g = this.state.graph.graph;
    if (this.hovered) {
      if (g.hasNode(this.hovered)) this.hoverNeighbors = new Set(g.neighbors(this.hovered));
      else this.hovered = null;
    }
    if (this.detached) {
      // Settings first, while sigma holds the empty placeholder (a settings change reprocesses the graph).
      this.sizeSettings();
      this.detached = false;
      this.sigma.setGraph(g); // processes and draws everything once
      return;
    }
    if (this.big !== this.state.isBig) {
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

  /** Frames a set of nodes in the part of the canvas no panel covers (the whole graph when empty). */
  fit(ids?: Iterable<string>): void {
    const list = ids ? [...ids] : [];
    const cam = this.sigma.getCamera();
    if (!list.length) {
      void cam.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 350 }); // ends on its own, never rejects
      return;
    }
    const box = this.displayBounds(list);
    if (box) void cam.animate(frameInFreeArea(this.sigma, box), { duration: 450 }); // ends on its own, never rejects
  }

  /** The box around nodes as drawn (sigma's normalized display coordinates), or null when none is drawn. */
  displayBounds(ids: Iterable<string>) {
    return boundsOf([...ids].map((id) => this.sigma.getNodeDisplayData(id)));
  }

  camera(): CameraState {
    return this.sigma.getCamera().getState();
  }

  /** Animates the camera to a state (a duration of 0 jumps there); resolves when it arrives. */
  animateCamera(state: Partial<CameraState>, duration: number): Promise<void> {
    const cam = this.sigma.getCamera();
    if (duration > 0) return cam.animate(state, { duration });
    cam.setState(state);
    return Promise.resolve();
  }

  /** Moves the camera by a number of CSS pixels (the arrow keys). */
  pan(dx: number, dy: number): void {
    panBy(this.sigma, dx, dy);
  }

  /** The entities drawn inside a polygon (CSS pixels of the canvas), by where their centres are drawn. */
  nodesInside(polygon: Point[]): string[] {
    return nodesInside(this.sigma, this.state.visibility.nodes, polygon);
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
