/**
 * SVG export of the view: written from what the canvas draws (sigma's
 * display data after the reducers: places, sizes, colours, labels; edges
 * with their status's colour, width and dashes), as the whole graph framed
 * (sigma's own framing at zoom 1), with the legend on the left. Built as a
 * DOM tree and serialized by the browser, so every piece of text is escaped
 * by XMLSerializer (no markup is ever written by hand), and the file holds
 * no script.
 */
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';
import type { Visibility } from '../filters/types.ts';
import { typeLabel } from '../graph/format.ts';
import { kindColor, statusStyle, UI } from '../theme/index.ts';
import { svg } from '../ui/dom.ts';
import type { LegendEntries } from './png.ts';
import { edgeShape, pictureBounds, type SvgEdge, type SvgNode } from './svg-geometry.ts';

/** The camera that frames the whole graph. */
const WHOLE = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
const LEGEND_W = 210;

/** The entities and edges to draw, as the canvas draws them, framed as a whole (ids: those to include). */
export function pictureOf(sigma: Sigma<NodeAttrs, EdgeAttrs>, vis: Visibility, ids: ReadonlySet<string>): { nodes: SvgNode[]; edges: SvgEdge[] } {
  const g = sigma.getGraph();
  const nodes: SvgNode[] = [];
  const at = new Map<string, SvgNode>();
  for (const id of ids) {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden || !vis.nodes.has(id)) continue;
    const p = sigma.framedGraphToViewport(d, { cameraState: WHOLE });
    const n: SvgNode = { id, x: p.x, y: p.y, r: d.size, color: d.color, label: d.label ?? '', name: g.getNodeAttribute(id, 'label') };
    nodes.push(n);
    at.set(id, n);
  }
  const edges: SvgEdge[] = [];
  for (const [id, claims] of vis.edges) {
    const s = at.get(g.source(id));
    const t = at.get(g.target(id));
    const d = sigma.getEdgeDisplayData(id);
    if (!s || !t || !d || d.hidden) continue;
    const status = claims[0]?.status ?? null;
    const curvature = (d as { curvature?: number }).curvature ?? 0;
    edges.push({
      id,
      source: s,
      target: t,
      color: d.color,
      width: Math.max(1, d.size),
      dash: statusStyle(status).dash,
      curvature: typeof curvature === 'number' ? curvature : 0,
      title: `${s.name} → ${typeLabel(g.getEdgeAttribute(id, 'type'))} → ${t.name} (${status ?? 'unknown status'}; ${claims.length} claim${claims.length === 1 ? '' : 's'})`,
    });
  }
  return { nodes, edges };
}

function legendGroup(legend: LegendEntries, height: number): SVGGElement {
  const pad = 16;
  let y = pad + 14;
  const items: SVGElement[] = [svg('rect', { x: 0, y: 0, width: LEGEND_W, height, fill: '#ffffff' }), svg('line', { x1: LEGEND_W - 0.5, y1: 0, x2: LEGEND_W - 0.5, y2: height, stroke: '#dde2e8' })];
  items.push(svg('text', { x: pad, y, class: 'legend-title', 'font-size': 14, 'font-weight': 600, fill: UI.labelColor }, legend.title));
  y += 30;
  items.push(svg('text', { x: pad, y, 'font-size': 10.5, 'font-weight': 600, fill: '#637080' }, 'ENTITIES'));
  y += 18;
  for (const k of legend.kinds) {
    // Swatches are rounded squares: the picture's only circles are its entities.
    items.push(svg('rect', { x: pad, y: y - 5.5, width: 11, height: 11, rx: 3, fill: kindColor(k.kind) }), svg('text', { x: pad + 20, y: y + 4, 'font-size': 12.5, fill: UI.labelColor }, k.label));
    y += 19;
  }
  y += 10;
  items.push(svg('text', { x: pad, y, 'font-size': 10.5, 'font-weight': 600, fill: '#637080' }, 'CLAIM STATUS'));
  y += 18;
  for (const s of legend.statuses) {
    const st = statusStyle(s);
    items.push(
      svg('line', { x1: pad, y1: y, x2: pad + 30, y2: y, stroke: st.color, 'stroke-width': Math.max(1.2, st.size), 'stroke-dasharray': st.dash.join(' ') || null }),
      svg('polygon', { points: `${pad + 30},${y - 4} ${pad + 38},${y} ${pad + 30},${y + 4}`, fill: st.color }),
      svg('text', { x: pad + 48, y: y + 4, 'font-size': 12.5, fill: UI.labelColor }, s),
    );
    y += 19;
  }
  y += 8;
  for (const line of legend.note.split('\n')) {
    items.push(svg('text', { x: pad, y, 'font-size': 11, fill: '#8a949e' }, line));
    y += 15;
  }
  items.push(svg('text', { x: pad, y: height - pad, 'font-size': 11, fill: '#8a949e' }, `claimgraph · ${new Date().toISOString().slice(0, 10)}`));
  return svg('g', { class: 'legend' }, items);
}

/** The SVG file's text: the picture (edges, then entities, then labels) right of its legend. */
export function svgDocument(picture: { nodes: SvgNode[]; edges: SvgEdge[] }, legend: LegendEntries): string {
  const b = pictureBounds(picture.nodes);
  const height = Math.max(b.height, 420);
  const width = LEGEND_W + b.width;
  // The picture is moved right of the legend and vertically centred.
  const dx = LEGEND_W - b.x;
  const dy = (height - b.height) / 2 - b.y;
  const edges = picture.edges.map((e) => {
    const shape = edgeShape(e);
    return svg(
      'g',
      { class: 'edge', 'data-id': e.id },
      svg('title', null, e.title),
      svg('path', { d: shape.d, fill: 'none', stroke: e.color, 'stroke-width': e.width, 'stroke-dasharray': e.dash.join(' ') || null, 'stroke-linecap': e.dash.length ? 'butt' : 'round' }),
      svg('polygon', { points: shape.head, fill: e.color }),
    );
  });
  const nodes = picture.nodes.map((n) => svg('circle', { cx: n.x, cy: n.y, r: n.r, fill: n.color, stroke: '#ffffff', 'stroke-width': 1, 'data-id': n.id }, svg('title', null, n.name)));
  const labels = picture.nodes
    .filter((n) => n.label)
    .map((n) => svg('text', { x: n.x + n.r + 3, y: n.y + 4, 'font-size': 12, 'font-weight': 500, fill: UI.labelColor, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round' }, n.label));
  const root = svg(
    'svg',
    { width: Math.ceil(width), height: Math.ceil(height), viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, 'font-family': UI.font, role: 'img' },
    svg('title', null, legend.title),
    svg('rect', { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height), fill: UI.background }),
    legendGroup(legend, height),
    svg('g', { class: 'graph', transform: `translate(${dx.toFixed(1)} ${dy.toFixed(1)})` }, svg('g', { class: 'edges' }, edges), svg('g', { class: 'nodes' }, nodes), svg('g', { class: 'labels' }, labels)),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}
