/**
 * The published page's canvas: sigma over the published subgraph, with the
 * explorer's looks (kind colours, edges by claim status, dashed and dotted
 * programs, curved parallel edges, haloed labels) and the story's highlight
 * (the step's items emphasized, the rest faded), a hovered or picked item.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS, drawDiscNodeLabel, EdgeArrowProgram, type NodeLabelDrawingFunction } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { createDrawCurvedEdgeLabel, createEdgeCurveProgram, DEFAULT_EDGE_CURVATURE, DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS } from '@sigma/edge-curve';
import type { GraphEdge } from '../api/types.ts';
import { edgeLook } from '../canvas/edge-style.ts';
import { shortLabel } from '../canvas/labels.ts';
import { indexParallelEdges } from '../canvas/parallel-edges.ts';
import { createDashedArrowProgram } from '../canvas/programs.ts';
import type { EdgeAttrs, NodeAttrs, ViewGraph } from '../graph/index.ts';
import type { PublishedData } from '../investigations/publish/types.ts';
import { fade } from '../theme/colors.ts';
import { kindColor, UI } from '../theme/index.ts';

export type ViewerGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

/** What is emphasized now: a step's items, or one picked entity or edge (with its neighbours). */
export interface Focus {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}


const haloLabel: NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs> = (ctx, data, settings) => {
  if (!data.label) return;
  ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.strokeText(data.label, data.x + data.size + 3, data.y + settings.labelSize / 3);
  drawDiscNodeLabel(ctx, data, settings);
};

export function buildGraph(data: PublishedData): { graph: ViewerGraph; claims: Map<string, GraphEdge> } {
  const graph: ViewerGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  const claims = new Map(data.claims.map((c) => [c.id, c] as const));
  for (const n of data.nodes) {
    graph.addNode(n.id, {
      x: n.x,
      y: n.y,
      size: n.size,
      color: kindColor(n.kind),
      label: n.name,
      kind: n.kind,
      entity: { id: n.id, kind: n.kind, labels: [], name: n.name, properties: {} },
      pinned: false,
      hidden: false,
      laidOut: true,
    });
  }
  for (const e of data.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target) && !graph.hasEdge(e.id)) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { type: e.type, claims: e.claims });
  }
  indexParallelEdges(graph as unknown as ViewGraph, DEFAULT_EDGE_CURVATURE);
  return { graph, claims };
}

/** On a phone-sized canvas fewer labels fit: only the biggest entities are named, edges are not labelled. */
const COMPACT_WIDTH = 600;

export function createRenderer(container: HTMLElement, graph: ViewerGraph, claims: Map<string, GraphEdge>, focus: () => Focus | null, hovered: () => string | null): Sigma<NodeAttrs, EdgeAttrs> {
  const compact = container.clientWidth < COMPACT_WIDTH;
  const claimsOf = (edge: string) =>
    graph
      .getEdgeAttribute(edge, 'claims')
      .map((id) => claims.get(id))
      .filter((c): c is GraphEdge => !!c);
  return new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    allowInvalidContainer: true,
    renderEdgeLabels: !compact,
    enableEdgeEvents: true,
    defaultEdgeType: 'arrow',
    edgeProgramClasses: {
      arrow: EdgeArrowProgram,
      curved: createEdgeCurveProgram({ ...DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS, arrowHead: DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS, drawLabel: createDrawCurvedEdgeLabel(DEFAULT_EDGE_CURVE_PROGRAM_OPTIONS) }),
      dashed: createDashedArrowProgram(7, 4),
      dotted: createDashedArrowProgram(2, 3.5),
    },
    defaultDrawNodeLabel: haloLabel,
    labelFont: UI.font,
    labelSize: compact ? 11 : 12,
    labelWeight: '500',
    labelColor: { color: UI.labelColor },
    edgeLabelFont: UI.font,
    edgeLabelSize: 10,
    edgeLabelColor: { color: '#6b7682' },
    labelDensity: compact ? 0.25 : 0.6,
    labelGridCellSize: compact ? 140 : 110,
    labelRenderedSizeThreshold: compact ? 9 : 4,
    minEdgeThickness: 1,
    stagePadding: 36,
    zIndex: true,
    minCameraRatio: 0.03,
    maxCameraRatio: 4,
    nodeReducer: (node, d): Partial<NodeDisplayData> => {
      const f = focus();
      const h = hovered();
      const res: Partial<NodeDisplayData> = { x: d.x, y: d.y, size: d.size, color: d.color, label: shortLabel(d.label) };
      const lit = f ? f.nodes.has(node) : true;
      if (h && (node === h || graph.areNeighbors(node, h))) {
        res.forceLabel = true;
        res.label = d.label;
        res.zIndex = 3;
      } else if (f && !lit) {
        res.color = fade(d.color, 0.8);
        res.label = '';
        res.zIndex = 0;
      } else if (f && lit) {
        res.highlighted = true;
        res.forceLabel = true;
        res.label = d.label;
        res.zIndex = 2;
      }
      return res;
    },
    edgeReducer: (edge, d): Partial<EdgeDisplayData> & { curvature?: number } => {
      const look = edgeLook(d.type, claimsOf(edge), typeof d.parallelIndex === 'number');
      const res: Partial<EdgeDisplayData> & { curvature?: number } = { ...look, curvature: d.curvature, zIndex: 1 };
      const f = focus();
      const h = hovered();
      if (h) {
        const touches = graph.source(edge) === h || graph.target(edge) === h;
        if (!touches) Object.assign(res, { color: UI.dimEdge, label: '', zIndex: 0 });
        else res.zIndex = 2;
      } else if (f) {
        if (f.edges.has(edge)) Object.assign(res, { color: look.color, size: Math.max(look.size, 2.5) * 1.4, zIndex: 2 });
        else Object.assign(res, { color: UI.dimEdge, label: '', zIndex: 0 });
      }
      return res;
    },
  });
}
