/**
 * The sigma.js canvas over the store's graph. Everything that changes how an
 * item looks without changing the data (filters, hover, selection, path
 * highlight, size metric) is applied in sigma's reducers from a CanvasView,
 * so the graph itself only holds data and positions.
 */
import Sigma from 'sigma';
import { EdgeArrowProgram } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData, CameraState } from 'sigma/types';
import { EdgeCurvedArrowProgram, indexParallelEdgesIndex, DEFAULT_EDGE_CURVATURE } from '@sigma/edge-curve';
import type { GraphStore, NodeAttrs, EdgeAttrs } from '../graph/index.ts';
import { UI } from '../theme/index.ts';
import { createDashedArrowProgram } from './programs.ts';
import type { CanvasEvents, CanvasView } from './types.ts';
import { edgeLook, fade, shortLabel } from './utils.ts';

export type { CanvasView, Selected, Highlight, CanvasEvents } from './types.ts';

/** Camera ratio under which every edge label is drawn (at the overview only a few are). */
const EDGE_LABEL_RATIO = 0.55;
/** Graphs with at most this many drawn edges show all edge labels at any zoom. */
const FEW_EDGES = 60;

export class Canvas {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private hovered: string | null = null;
  private hoverNeighbors = new Set<string>();
  private dragging: string | null = null;
  private dragMoved = false;

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
        curved: EdgeCurvedArrowProgram,
        dashed: createDashedArrowProgram(7, 4),
        dotted: createDashedArrowProgram(2, 3.5),
      },
      labelFont: UI.font,
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: UI.labelColor },
      edgeLabelFont: UI.font,
      edgeLabelSize: 10,
      edgeLabelWeight: '400',
      edgeLabelColor: { color: '#6b7682' },
      labelDensity: 0.6,
      labelGridCellSize: 110,
      labelRenderedSizeThreshold: 4,
      minEdgeThickness: 1,
      stagePadding: 48,
      zIndex: true,
      minCameraRatio: 0.03,
      maxCameraRatio: 4,
      nodeReducer: (node, data) => this.nodeReducer(node, data),
      edgeReducer: (edge, data) => this.edgeReducer(edge, data),
    });
    this.bindEvents();
    this.indexParallel();
  }

  /** Curves edges that share a pair of nodes (several types, or both directions). */
  indexParallel(): void {
    const g = this.store.graph;
    indexParallelEdgesIndex(g, { edgeIndexAttribute: 'parallelIndex', edgeMinIndexAttribute: 'parallelMinIndex', edgeMaxIndexAttribute: 'parallelMaxIndex' });
    g.forEachEdge((e, a) => {
      if (typeof a.parallelIndex === 'number') {
        const max = a.parallelMaxIndex ?? 1;
        g.setEdgeAttribute(e, 'curvature', DEFAULT_EDGE_CURVATURE * 0.6 + (2 * DEFAULT_EDGE_CURVATURE * a.parallelIndex) / (max || 1));
      } else if (a.curvature !== undefined) g.removeEdgeAttribute(e, 'curvature');
    });
  }

  private nodeReducer(node: string, data: NodeAttrs): Partial<NodeDisplayData> {
    const v = this.view();
    if (!v.visibility.nodes.has(node)) return { ...data, hidden: true };
    const selected = v.selected?.type === 'node' && v.selected.id === node;
    const full = selected || node === this.hovered || v.highlight?.nodes.has(node);
    const res: Partial<NodeDisplayData> = { ...data, size: v.sizes.get(node) ?? data.size, label: full ? data.label : shortLabel(data.label) };
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
    const look = edgeLook(data.type, claims, typeof data.parallelIndex === 'number');
    const res: Partial<EdgeDisplayData> & { curvature?: number } = { ...look, curvature: data.curvature, zIndex: 1 };
    const selected = v.selected?.type === 'edge' && v.selected.id === edge;
    // Edge labels only where they can be read: zoomed in, or around the hovered or selected item.
    const sel = v.selected;
    const inFocus =
      selected || (sel?.type === 'node' && (sel.id === s || sel.id === t)) || (this.hovered !== null && (this.hovered === s || this.hovered === t)) || v.highlight?.edges.has(edge);
    if (!inFocus && this.sigma.getCamera().ratio > EDGE_LABEL_RATIO && v.visibility.edges.size > FEW_EDGES) res.label = '';
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
    // Reducers run on refresh, not on camera moves: refresh when the zoom crosses the edge-label threshold.
    let close = s.getCamera().ratio <= EDGE_LABEL_RATIO;
    s.getCamera().on('updated', (state) => {
      const nowClose = state.ratio <= EDGE_LABEL_RATIO;
      if (nowClose !== close) {
        close = nowClose;
        s.refresh();
      }
      this.on.cameraMoved();
    });
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
    this.sigma.refresh();
  }

  /** Moves the camera onto a node. */
  focus(id: string, ratio = 0.6): void {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return;
    this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: 450 });
  }

  /** Frames a set of nodes (the whole graph when empty). */
  fit(ids?: Iterable<string>): void {
    const list = ids ? [...ids] : [];
    const cam = this.sigma.getCamera();
    if (!list.length) {
      cam.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 350 });
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
    cam.animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 450 });
  }

  camera(): CameraState {
    return this.sigma.getCamera().getState();
  }

  setCamera(state: Partial<CameraState>): void {
    this.sigma.getCamera().setState(state);
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    if (factor > 1) cam.animatedUnzoom({ duration: 200, factor });
    else cam.animatedZoom({ duration: 200, factor: 1 / factor });
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
