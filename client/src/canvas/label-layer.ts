/**
 * The canvas's text: node and edge labels, placed so that none overlaps
 * another (label-geometry.ts) and drawn after sigma's frame on its label
 * layers. On a normal view sigma draws no label itself (`renderLabels` and
 * `renderEdgeLabels` off); a big view keeps sigma's own grid (placing tens
 * of thousands of labels per frame would cost more than the frame).
 *
 * What gets a label, in order: the hovered entity, the selected ones, the
 * highlighted ones (a path, a search pick, what an expansion added), the
 * hovered entity's neighbours, then those with the most claims drawn (a
 * claim folded into a shared edge still counts), then the biggest. Edge labels only for
 * the hovered edge or entity and the selection's own edges (a path's steps
 * too), where they fit. Text is 11 to 14 px whatever the zoom, with a halo.
 */
import type Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';
import { UI } from '../theme/index.ts';
import { placeEdgeLabels, placeNodeLabels, type EdgeLabelInput, type Obb, type NodeLabelInput, type PlacedEdgeLabel, type PlacedNodeLabel } from './label-geometry.ts';
import { shortLabel } from './labels.ts';
import type { EdgeLook } from './reducers.ts';
import type { DrawState } from './types.ts';

/**
 * A label as drawn, for the test hook: its text's box in CSS px of the
 * canvas, axis-aligned (an edge label's encloses its rotated text), and the
 * four corners of the text itself (rotated with an edge label).
 */
export interface DrawnLabel {
  kind: 'node' | 'edge';
  key: string;
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  corners: [number, number][];
}

function cornersOf(cx: number, cy: number, hw: number, hh: number, angle: number): [number, number][] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ].map(([x, y]) => [cx + x! * c - y! * s, cy + x! * s + y! * c] as [number, number]);
}

/** What the layer needs from the canvas each frame besides sigma. */
export interface LabelFrame {
  draw: DrawState;
  hoveredEdge: string | null;
}

const FONT_MIN = 11;
const FONT_MAX = 14;
const EDGE_FONT = 10.5;
/** Below this canvas width (px), labels other than the hovered, selected and highlighted stop at NARROW_CHARS. */
const NARROW = 700;
const NARROW_CHARS = 24;
/** Nodes this far outside the viewport are not considered (a label may still reach in). */
const MARGIN = 120;

function nodeFont(r: number, strong: boolean): { size: number; weight: number } {
  const size = Math.min(FONT_MAX, Math.max(FONT_MIN, 9.5 + r * 0.3));
  return { size: strong ? Math.max(size, 12.5) : size, weight: strong ? 600 : 500 };
}

const fontOf = (f: { size: number; weight: number }) => `${f.weight} ${f.size}px ${UI.font}`;

export class LabelLayer {
  private widths = new Map<string, number>();
  private last: { nodes: PlacedNodeLabel[]; edges: PlacedEdgeLabel[]; fonts: Map<string, string> } = { nodes: [], edges: [], fonts: new Map() };

  /** The width of a text in a font (cached: labels are measured every frame). */
  private measure(ctx: CanvasRenderingContext2D, font: string, text: string): number {
    const k = `${font}|${text}`;
    let w = this.widths.get(k);
    if (w === undefined) {
      if (this.widths.size > 20_000) this.widths.clear();
      ctx.font = font;
      w = ctx.measureText(text).width;
      this.widths.set(k, w);
    }
    return w;
  }

  /** Places and draws every label of the frame sigma just drew (its matrix and display data are current). */
  render(sigma: Sigma<NodeAttrs, EdgeAttrs>, frame: LabelFrame): void {
    const canvases = sigma.getCanvases();
    const nodeCtx = canvases.labels?.getContext('2d');
    const edgeCtx = canvases.edgeLabels?.getContext('2d');
    if (!nodeCtx || !edgeCtx) return;
    const { width, height } = sigma.getDimensions();
    const { labels, discs, fonts } = this.nodeInputs(sigma, frame.draw, nodeCtx, width, height);
    const { placed, index } = placeNodeLabels(labels, discs, { width, height }, this.controls(sigma.getContainer()));
    const edges = placeEdgeLabels(this.edgeInputs(sigma, frame, edgeCtx), index, discs, (text, room) => this.fit(edgeCtx, text, room));
    this.last = { nodes: placed, edges, fonts };
    // Sigma cleared both layers when the frame began.
    for (const l of placed) this.drawNodeLabel(nodeCtx, l, fonts.get(l.key)!);
    for (const l of edges) this.drawEdgeLabel(edgeCtx, l);
  }

  /** The boxes of the camera and layout controls over the canvas, in its CSS px (labels stay clear of them). */
  private controls(container: HTMLElement): Obb[] {
    const c = container.getBoundingClientRect();
    const out: Obb[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.canvas-controls .control-group')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      out.push({ cx: r.left - c.left + r.width / 2, cy: r.top - c.top + r.height / 2, hw: r.width / 2 + 4, hh: r.height / 2 + 4, angle: 0 });
    }
    return out;
  }

  /** Every visible node as a disc, and those with a label as label candidates, in priority order. */
  private nodeInputs(sigma: Sigma<NodeAttrs, EdgeAttrs>, d: DrawState, ctx: CanvasRenderingContext2D, width: number, height: number) {
    const labels: NodeLabelInput[] = [];
    const discs: { key: string; x: number; y: number; r: number }[] = [];
    const fonts = new Map<string, string>();
    const g = sigma.getGraph();
    // Claims drawn at each entity: a person with four claims folded into one edge weighs four, not one.
    const weight = new Map<string, number>();
    for (const key of d.visibility.edges) {
      if (!g.hasEdge(key)) continue;
      const n = g.getEdgeAttribute(key, 'claims').length;
      const [s, t] = g.extremities(key);
      weight.set(s, (weight.get(s) ?? 0) + n);
      if (t !== s) weight.set(t, (weight.get(t) ?? 0) + n);
    }
    for (const key of d.visibility.nodes) {
      const data = sigma.getNodeDisplayData(key) as (NodeDisplayData & { label?: string | null }) | undefined;
      if (!data || data.hidden) continue;
      const p = sigma.framedGraphToViewport(data);
      if (p.x < -MARGIN || p.y < -MARGIN || p.x > width + MARGIN || p.y > height + MARGIN) continue;
      const r = sigma.scaleSize(data.size);
      discs.push({ key, x: p.x, y: p.y, r });
      if (!data.label) continue;
      const tag = key === d.hovered || d.selection.nodes.has(key);
      const priority = key === d.hovered ? 0 : d.selection.nodes.has(key) ? 1 : d.highlight?.nodes.has(key) ? 2 : d.hoverNeighbors.has(key) ? 3 : 4;
      const f = nodeFont(r, priority <= 2);
      const font = fontOf(f);
      fonts.set(key, font);
      // On a narrow canvas long names give room to more names (the panel and a hover show them whole).
      const text = priority > 2 && width < NARROW ? shortLabel(data.label, NARROW_CHARS) : data.label;
      labels.push({ key, x: p.x, y: p.y, r, text, w: this.measure(ctx, font, text), h: f.size, priority, tag });
    }
    // Within a priority, the most claims drawn first, then the biggest; the id breaks ties, so a frame places the same way every time.
    const w = (k: string) => weight.get(k) ?? 0;
    labels.sort((a, b) => a.priority - b.priority || w(b.key) - w(a.key) || b.r - a.r || (a.key < b.key ? -1 : 1));
    return { labels, discs, fonts };
  }

  /** The edges whose labels are wanted: the hovered edge, the hovered or selected entities' edges, the selected and highlighted edges. */
  private edgeInputs(sigma: Sigma<NodeAttrs, EdgeAttrs>, frame: LabelFrame, ctx: CanvasRenderingContext2D): EdgeLabelInput[] {
    const d = frame.draw;
    const g = sigma.getGraph();
    const font = `500 ${EDGE_FONT}px ${UI.font}`;
    const out: EdgeLabelInput[] = [];
    const consider = (key: string, priority: number) => {
      const e = sigma.getEdgeDisplayData(key) as (EdgeDisplayData & EdgeLook) | undefined;
      if (!e || e.hidden || !e.label) return;
      const [s, t] = g.extremities(key);
      const sd = sigma.getNodeDisplayData(s);
      const td = sigma.getNodeDisplayData(t);
      if (!sd || !td || sd.hidden || td.hidden) return;
      const sp = sigma.framedGraphToViewport(sd);
      const tp = sigma.framedGraphToViewport(td);
      const curvature = e.type === 'curved' ? (e.curvature ?? 0) : 0;
      const text = e.label;
      out.push({ key, sx: sp.x, sy: sp.y, sr: sigma.scaleSize(sd.size), tx: tp.x, ty: tp.y, tr: sigma.scaleSize(td.size), curvature, thickness: e.size, text, w: this.measure(ctx, font, text), h: EDGE_FONT, priority });
    };
    const seen = new Set<string>();
    const add = (key: string, priority: number) => {
      if (seen.has(key) || !d.visibility.edges.has(key)) return;
      seen.add(key);
      consider(key, priority);
    };
    if (frame.hoveredEdge) add(frame.hoveredEdge, 0);
    if (d.hovered && g.hasNode(d.hovered)) g.forEachEdge(d.hovered, (k) => add(k, 1));
    d.selection.edges.forEach((k) => add(k, 2));
    d.selection.nodes.forEach((n) => g.hasNode(n) && g.forEachEdge(n, (k) => add(k, 3)));
    if (d.highlight?.kind === 'path') d.highlight.edges.forEach((k) => add(k, 4));
    return out;
  }

  /** The longest start of a text, with an ellipsis, that fits a width; null when not even a few letters fit. */
  private fit(ctx: CanvasRenderingContext2D, text: string, room: number): { text: string; w: number } | null {
    const font = `500 ${EDGE_FONT}px ${UI.font}`;
    for (let n = text.length - 1; n >= 4; n--) {
      const t = `${text.slice(0, n).trimEnd()}…`;
      const w = this.measure(ctx, font, t);
      if (w <= room) return { text: t, w };
    }
    return null;
  }

  private drawNodeLabel(ctx: CanvasRenderingContext2D, l: PlacedNodeLabel, font: string): void {
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const b = l.box;
    if (l.tag) {
      // A tag: a white rounded box with a hairline, so the hovered or selected name stands out.
      ctx.fillStyle = 'rgba(255, 255, 255, 0.96)';
      ctx.strokeStyle = 'rgba(29, 39, 51, 0.22)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(b.cx - b.hw, b.cy - b.hh, b.hw * 2, b.hh * 2, 4);
      ctx.fill();
      ctx.stroke();
    } else {
      ctx.lineWidth = 3.5;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = 'rgba(251, 252, 253, 0.92)';
      ctx.strokeText(l.text, l.x, l.y);
    }
    ctx.fillStyle = UI.labelColor;
    ctx.fillText(l.text, l.x, l.y);
  }

  private drawEdgeLabel(ctx: CanvasRenderingContext2D, l: PlacedEdgeLabel): void {
    ctx.save();
    ctx.translate(l.cx, l.cy);
    ctx.rotate(l.angle);
    ctx.font = `500 ${EDGE_FONT}px ${UI.font}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    ctx.lineWidth = 3;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(251, 252, 253, 0.95)';
    ctx.strokeText(l.text, 0, 0);
    ctx.fillStyle = '#55616e';
    ctx.fillText(l.text, 0, 0);
    ctx.restore();
  }

  /** The labels of the last frame (text boxes without padding), for the test hook. */
  drawn(): DrawnLabel[] {
    const node = this.last.nodes.map((l) => {
      const pad = l.tag ? 5 : 2;
      const hw = l.box.hw - pad;
      const hh = l.box.hh - pad;
      return { kind: 'node' as const, key: l.key, text: l.text, x1: l.box.cx - hw, y1: l.box.cy - hh, x2: l.box.cx + hw, y2: l.box.cy + hh, corners: cornersOf(l.box.cx, l.box.cy, hw, hh, 0) };
    });
    const edge = this.last.edges.map((l) => {
      const hw = l.box.hw - 2;
      const hh = l.box.hh - 1;
      const corners = cornersOf(l.cx, l.cy, hw, hh, l.angle);
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      return { kind: 'edge' as const, key: l.key, text: l.text, x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys), corners };
    });
    return [...node, ...edge];
  }

  /** Forgets the last frame (a big view draws its own labels). */
  clear(): void {
    this.last = { nodes: [], edges: [], fonts: new Map() };
  }
}
