/**
 * Multi-select as pure functions over the state's Selection (no DOM, no
 * sigma; unit-tested in Node): a Shift/Ctrl-click toggles one item, a box or
 * a lasso selects the entities whose drawn places fall inside a polygon, and
 * the selection's entities are what its actions (expand, hide, pin, remove,
 * export, paths) work on.
 */
import type { AreaSelection, GestureKind, Modifiers, Point, Selected, Selection } from './types.ts';

export type * from './types.ts';

const EMPTY: ReadonlySet<string> = new Set();

/** Nothing selected. */
export function emptySelection(): Selection {
  return { focus: null, nodes: new Set(EMPTY), edges: new Set(EMPTY) };
}

/** True when the click should add to or take from the selection rather than replace it. */
export function isToggleClick(m: Pick<Modifiers, 'shift' | 'ctrl'>): boolean {
  return m.shift || m.ctrl;
}

/**
 * A Shift/Ctrl-click on an item: it leaves the selection when it is in it,
 * else joins it and becomes the focus (the panel shows it). When the focus
 * leaves, the most recently added item left becomes the focus.
 *
 * @example
 *   toggleItem(selectionOf({ type: 'node', id: 'a' }), { type: 'node', id: 'b' })
 *   // => { focus: b, nodes: {a, b}, edges: {} }
 */
export function toggleItem(s: Selection, item: NonNullable<Selected>): Selection {
  const nodes = new Set(s.nodes);
  const edges = new Set(s.edges);
  const set = item.type === 'node' ? nodes : edges;
  if (set.has(item.id)) {
    set.delete(item.id);
    const focusGone = s.focus?.type === item.type && s.focus.id === item.id;
    return { focus: focusGone ? lastItem(nodes, edges) : s.focus, nodes, edges };
  }
  set.add(item.id);
  return { focus: item, nodes, edges };
}

function lastItem(nodes: ReadonlySet<string>, edges: ReadonlySet<string>): Selected {
  const n = [...nodes].at(-1);
  if (n !== undefined) return { type: 'node', id: n };
  const e = [...edges].at(-1);
  return e !== undefined ? { type: 'edge', id: e } : null;
}

/** The entities a box or a lasso caught, added to the selection or replacing it. The panel keeps its focus only when adding. */
export function withArea(s: Selection, area: AreaSelection): Selection {
  if (!area.additive) {
    return { focus: area.ids.length === 1 ? { type: 'node', id: area.ids[0]! } : null, nodes: new Set(area.ids), edges: new Set() };
  }
  return { focus: s.focus, nodes: new Set([...s.nodes, ...area.ids]), edges: new Set(s.edges) };
}

/** Which drag a mousedown on the empty canvas starts, from its modifiers and the lasso tool; null: none (the camera pans). */
export function gestureFor(m: Modifiers, lassoTool: boolean): GestureKind | null {
  if (m.alt || m.ctrl || lassoTool) return 'lasso';
  if (m.shift) return 'box';
  return null;
}

/** A box gesture's rectangle, as a polygon (from where the drag began to where it is). */
export function boxPolygon(a: Point, b: Point): Point[] {
  return [
    { x: a.x, y: a.y },
    { x: b.x, y: a.y },
    { x: b.x, y: b.y },
    { x: a.x, y: b.y },
  ];
}

/**
 * Whether a point is inside a polygon (even-odd rule, by ray casting; the
 * polygon closes from its last point to its first). A free-hand lasso may
 * cross itself: the even-odd rule is what an SVG `fill-rule="evenodd"` of the
 * drawn outline shows.
 */
export function insidePolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The ids whose points fall inside the polygon (a polygon of fewer than three points holds nothing). */
export function idsInside(points: Iterable<[string, Point]>, poly: readonly Point[]): string[] {
  if (poly.length < 3) return [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const q of poly) {
    minX = Math.min(minX, q.x);
    maxX = Math.max(maxX, q.x);
    minY = Math.min(minY, q.y);
    maxY = Math.max(maxY, q.y);
  }
  const out: string[] = [];
  for (const [id, p] of points) {
    if (p.x < minX || p.x > maxX || p.y < minY || p.y > maxY) continue;
    if (insidePolygon(p, poly)) out.push(id);
  }
  return out;
}

/** Drops lasso points closer than `min` pixels to the last kept one (a slow drag sends hundreds). */
export function addLassoPoint(poly: Point[], p: Point, min = 3): void {
  const last = poly.at(-1);
  if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= min) poly.push(p);
}

/**
 * The entities the selection's actions work on: the selected entities, and
 * the two ends of each selected edge.
 */
export function selectedEntities(s: Selection, ends: (edge: string) => [string, string] | null): string[] {
  const out = new Set(s.nodes);
  for (const e of s.edges) {
    const pair = ends(e);
    if (pair) pair.forEach((id) => out.add(id));
  }
  return [...out];
}

/** The two entities a "path between" runs between, when exactly two are selected. */
export function pathEnds(s: Selection): [string, string] | null {
  if (s.nodes.size !== 2 || s.edges.size) return null;
  const [a, b] = [...s.nodes] as [string, string];
  return [a, b];
}
