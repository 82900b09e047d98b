/**
 * The geometry of the SVG export (pure; unit-tested in Node): edges as
 * straight or curved paths that stop at the target's rim, with an arrow
 * head, as sigma draws them; the picture's bounds.
 */

/** An entity as the SVG draws it, in CSS pixels (y down). */
export interface SvgNode {
  id: string;
  x: number;
  y: number;
  r: number;
  color: string;
  /** The label drawn next to it ('' for none). */
  label: string;
  /** The full name (the node's tooltip). */
  name: string;
}

/** A drawn edge, in CSS pixels (y down). */
export interface SvgEdge {
  id: string;
  source: { x: number; y: number; r: number };
  target: { x: number; y: number; r: number };
  color: string;
  width: number;
  /** Dash pattern in pixels ([] for solid). */
  dash: number[];
  /** sigma's curvature of a parallel edge (0: straight). */
  curvature: number;
  /** The tooltip: type, status, sources. */
  title: string;
}

export interface EdgeShape {
  /** The path's `d`: a line, or a quadratic curve. */
  d: string;
  /** The arrow head's polygon `points`. */
  head: string;
}

const f = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * The edge's path and arrow head. A curved edge bends as @sigma/edge-curve
 * bends it: a quadratic curve whose control point is the middle moved by
 * `curvature` times the length along the normal (dy, -dx) (y down).
 */
export function edgeShape(e: SvgEdge): EdgeShape {
  const { source: s, target: t } = e;
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len = Math.hypot(dx, dy) || 1;
  const control = e.curvature ? { x: (s.x + t.x) / 2 + dy * e.curvature, y: (s.y + t.y) / 2 - dx * e.curvature } : null;
  // The direction the edge arrives from: the control point for a curve.
  const from = control ?? s;
  const ax = t.x - from.x;
  const ay = t.y - from.y;
  const alen = Math.hypot(ax, ay) || len;
  const ux = ax / alen;
  const uy = ay / alen;
  const headLen = Math.max(6, e.width * 3.2);
  const headHalf = headLen * 0.5;
  const tip = { x: t.x - ux * t.r, y: t.y - uy * t.r };
  const base = { x: tip.x - ux * headLen, y: tip.y - uy * headLen };
  const d = control ? `M${f(s.x)},${f(s.y)} Q${f(control.x)},${f(control.y)} ${f(base.x)},${f(base.y)}` : `M${f(s.x)},${f(s.y)} L${f(base.x)},${f(base.y)}`;
  const head = [tip, { x: base.x - uy * headHalf, y: base.y + ux * headHalf }, { x: base.x + uy * headHalf, y: base.y - ux * headHalf }].map((p) => `${f(p.x)},${f(p.y)}`).join(' ');
  return { d, head };
}

/** The box around the nodes with room for their labels (about 6.5 px a character at 11 px). */
export function pictureBounds(nodes: readonly SvgNode[], pad = 24): { x: number; y: number; width: number; height: number } {
  if (!nodes.length) return { x: 0, y: 0, width: 400, height: 300 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x - n.r);
    y0 = Math.min(y0, n.y - n.r);
    x1 = Math.max(x1, n.x + n.r + (n.label ? 4 + n.label.length * 6.5 : 0));
    y1 = Math.max(y1, n.y + n.r);
  }
  return { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
}
