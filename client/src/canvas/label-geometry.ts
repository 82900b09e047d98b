/**
 * Label placement on the canvas, pure geometry (no DOM, unit-tested in Node).
 *
 * Sigma 3 picks node labels with a coarse grid (one or a few per cell, the
 * biggest node first) and never measures the text, so labels overlap, a
 * hub's neighbours lose theirs to it, and edge labels pile up around a
 * selected hub. No library does label placement for a sigma canvas, so it
 * is written here, deliberately simple: a greedy pass in priority order
 * (hovered, selected, highlighted, then by size), each label trying four
 * places around its node (right, left, below, above) and taking the first
 * that overlaps no label already placed, preferably no node either; edge
 * labels (only of what is hovered or selected) then go where they overlap
 * no label and no node. Boxes are oriented rectangles (edge labels follow
 * their edge) tested with the separating-axis theorem; a uniform grid keeps
 * the tests local.
 */

/** An oriented rectangle: centre, half sizes, angle (radians). A label's box, or a node's square. */
export interface Obb {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  angle: number;
}

export interface Aabb {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function aabbOf(b: Obb): Aabb {
  const c = Math.abs(Math.cos(b.angle));
  const s = Math.abs(Math.sin(b.angle));
  const w = b.hw * c + b.hh * s;
  const h = b.hw * s + b.hh * c;
  return { x1: b.cx - w, y1: b.cy - h, x2: b.cx + w, y2: b.cy + h };
}

/** Whether two oriented rectangles overlap (separating-axis theorem: 4 axes for 2 rectangles). */
export function overlaps(a: Obb, b: Obb): boolean {
  const axes = [a.angle, a.angle + Math.PI / 2, b.angle, b.angle + Math.PI / 2];
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  for (const t of axes) {
    const ux = Math.cos(t);
    const uy = Math.sin(t);
    const ra = a.hw * Math.abs(Math.cos(a.angle - t)) + a.hh * Math.abs(Math.sin(a.angle - t));
    const rb = b.hw * Math.abs(Math.cos(b.angle - t)) + b.hh * Math.abs(Math.sin(b.angle - t));
    if (Math.abs(dx * ux + dy * uy) >= ra + rb) return false;
  }
  return true;
}

/** Boxes in a uniform grid, for "does this box overlap any placed one?" near it only. */
export class BoxIndex<T = unknown> {
  private cells = new Map<number, { box: Obb; item: T }[]>();
  constructor(private readonly cell = 64) {}

  private keys(b: Obb): number[] {
    const a = aabbOf(b);
    const out: number[] = [];
    const c = this.cell;
    for (let i = Math.floor(a.x1 / c); i <= Math.floor(a.x2 / c); i++) for (let j = Math.floor(a.y1 / c); j <= Math.floor(a.y2 / c); j++) out.push(i * 100003 + j);
    return out;
  }

  add(box: Obb, item: T): void {
    for (const k of this.keys(box)) {
      let l = this.cells.get(k);
      if (!l) this.cells.set(k, (l = []));
      l.push({ box, item });
    }
  }

  /** Whether `box` overlaps a box in the index (those for which `skip` says true do not count). */
  hits(box: Obb, skip?: (item: T) => boolean): boolean {
    for (const k of this.keys(box)) {
      for (const e of this.cells.get(k) ?? []) if ((!skip || !skip(e.item)) && overlaps(box, e.box)) return true;
    }
    return false;
  }
}

/** A node label to place: where its node is drawn (viewport px), the text's size, and its priority (lower first). */
export interface NodeLabelInput {
  key: string;
  x: number;
  y: number;
  /** The node's drawn radius, px. */
  r: number;
  text: string;
  /** The text's width and height (font size), px. */
  w: number;
  h: number;
  priority: number;
  /** Right of the node only, drawn as a tag (hovered, selected): it always shows, even clipped. */
  tag: boolean;
}

export type Side = 'right' | 'left' | 'below' | 'above';

export interface PlacedNodeLabel {
  key: string;
  text: string;
  side: Side;
  /** Where the text starts (left end of its baseline's box, vertical middle), px. */
  x: number;
  y: number;
  box: Obb;
  tag: boolean;
}

const GAP = 4;
const PAD = 2;

/** The text box of a label on one side of its node. */
export function sideBox(l: Pick<NodeLabelInput, 'x' | 'y' | 'r' | 'w' | 'h' | 'tag'>, side: Side): { x: number; y: number; box: Obb } {
  const pad = l.tag ? PAD + 3 : PAD;
  const hw = l.w / 2 + pad;
  const hh = l.h / 2 + pad;
  let x: number;
  let y = l.y;
  if (side === 'right') x = l.x + l.r + GAP;
  else if (side === 'left') x = l.x - l.r - GAP - l.w;
  else {
    x = l.x - l.w / 2;
    y = side === 'below' ? l.y + l.r + GAP + l.h / 2 : l.y - l.r - GAP - l.h / 2;
  }
  return { x, y, box: { cx: x + l.w / 2, cy: y, hw, hh, angle: 0 } };
}

const SIDES: Side[] = ['right', 'left', 'below', 'above'];

function inside(b: Obb, width: number, height: number): boolean {
  const a = aabbOf(b);
  return a.x1 >= 0 && a.y1 >= 0 && a.x2 <= width && a.y2 <= height;
}

/** A node's disc as a square box (the obstacle labels avoid). */
export function discBox(x: number, y: number, r: number): Obb {
  return { cx: x, cy: y, hw: r, hh: r, angle: 0 };
}

/**
 * Places node labels greedily in priority order (the input order is kept
 * among equals): each on the first side where it overlaps no placed label
 * and no other node's disc; failing that, no placed label (it may cover a
 * node); failing that, it is not drawn. Tags go right of their node always.
 * `discs` are the nodes drawn (every one, labelled or not); `blocked` are
 * boxes of controls drawn over the canvas, which labels keep clear of.
 */
export function placeNodeLabels(
  labels: readonly NodeLabelInput[],
  discs: readonly { key: string; x: number; y: number; r: number }[],
  viewport: { width: number; height: number },
  blocked: readonly Obb[] = [],
): { placed: PlacedNodeLabel[]; index: BoxIndex<string> } {
  const index = new BoxIndex<string>();
  // Controls over the canvas: no label goes under them (they would cut it).
  for (const b of blocked) index.add(b, '');
  const discIndex = new BoxIndex<string>();
  for (const d of discs) discIndex.add(discBox(d.x, d.y, d.r), d.key);
  const placed: PlacedNodeLabel[] = [];
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => a.l.priority - b.l.priority || a.i - b.i);
  for (const { l } of order) {
    const take = (side: Side) => {
      const p = sideBox(l, side);
      placed.push({ key: l.key, text: l.text, side, x: p.x, y: p.y, box: p.box, tag: l.tag });
      index.add(p.box, l.key);
    };
    if (l.tag) {
      take('right');
      continue;
    }
    const own = (k: string) => k === l.key;
    const fits = SIDES.map((side) => ({ side, box: sideBox(l, side).box })).filter((c) => inside(c.box, viewport.width, viewport.height) && !index.hits(c.box));
    const clear = fits.find((c) => !discIndex.hits(c.box, own));
    const chosen = clear ?? fits[0];
    if (chosen) take(chosen.side);
  }
  return { placed, index };
}

/** An edge label to place: its drawn ends (viewport px, radii), its curvature (0: straight), text size, priority. */
export interface EdgeLabelInput {
  key: string;
  sx: number;
  sy: number;
  sr: number;
  tx: number;
  ty: number;
  tr: number;
  curvature: number;
  /** The edge's drawn thickness, px. */
  thickness: number;
  text: string;
  /** The text's width (px) at its font size `h`; `fit` shortens it to a width. */
  w: number;
  h: number;
  priority: number;
}

export interface PlacedEdgeLabel {
  key: string;
  text: string;
  /** Centre of the text, its angle (kept upright), px and radians. */
  cx: number;
  cy: number;
  angle: number;
  box: Obb;
}

/**
 * Where an edge's label goes: along the edge, at the middle of the drawn
 * curve (a quadratic Bézier with its control point off the chord by
 * curvature x length, as @sigma/edge-curve draws it), beside the line,
 * kept upright. Null when the edge is too short to carry `width` px of text.
 */
export function edgeLabelSpot(e: Omit<EdgeLabelInput, 'key' | 'text' | 'priority'>): { cx: number; cy: number; angle: number; room: number } | null {
  const dx = e.tx - e.sx;
  const dy = e.ty - e.sy;
  const len = Math.hypot(dx, dy);
  const room = len - e.sr - e.tr - 8;
  if (len < 1 || room < 24) return null;
  // The curve's middle: the chord's middle moved half the way to the control point.
  let mx = (e.sx + e.tx) / 2 + (dy * e.curvature) / 2;
  let my = (e.sy + e.ty) / 2 - (dx * e.curvature) / 2;
  // Beside the line, on the side away from the chord (below it for a straight edge).
  const sign = Math.sign(e.curvature);
  const nx = sign ? (sign * dy) / len : -dy / len;
  const ny = sign ? (-sign * dx) / len : dx / len;
  const off = e.thickness / 2 + e.h / 2 + 2;
  const flip = e.curvature === 0 && ny < 0 ? -1 : 1;
  mx += nx * off * flip;
  my += ny * off * flip;
  let angle = Math.atan2(dy, dx);
  if (angle > Math.PI / 2) angle -= Math.PI;
  else if (angle < -Math.PI / 2) angle += Math.PI;
  return { cx: mx, cy: my, angle, room };
}

/**
 * Places edge labels greedily in priority order where they overlap no
 * node label, no node and no edge label already placed. `fit` shortens a
 * text to a width (the caller measures).
 */
export function placeEdgeLabels(
  labels: readonly EdgeLabelInput[],
  nodeLabels: BoxIndex<string>,
  discs: readonly { key: string; x: number; y: number; r: number }[],
  fit: (text: string, width: number) => { text: string; w: number } | null,
): PlacedEdgeLabel[] {
  const discIndex = new BoxIndex<string>();
  for (const d of discs) discIndex.add(discBox(d.x, d.y, d.r + 1), d.key);
  const index = new BoxIndex<string>();
  const placed: PlacedEdgeLabel[] = [];
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => a.l.priority - b.l.priority || a.i - b.i);
  for (const { l } of order) {
    const spot = edgeLabelSpot(l);
    if (!spot) continue;
    const text = l.w <= spot.room ? { text: l.text, w: l.w } : fit(l.text, spot.room);
    if (!text) continue;
    const box: Obb = { cx: spot.cx, cy: spot.cy, hw: text.w / 2 + PAD, hh: l.h / 2 + 1, angle: spot.angle };
    if (nodeLabels.hits(box) || discIndex.hits(box) || index.hits(box)) continue;
    index.add(box, l.key);
    placed.push({ key: l.key, text: text.text, cx: spot.cx, cy: spot.cy, angle: spot.angle, box });
  }
  return placed;
}
