/**
 * Bounding boxes of nodes (graph or display coordinates) and the camera
 * frame that shows one: the one implementation the store (spread of new
 * nodes), the layout worker (noverlap's unit), the canvas (fit) and the PNG
 * export (framing the selection) share.
 *
 * @example
 *   const box = boundsOf(ids.map((id) => sigma.getNodeDisplayData(id)));
 *   if (box) camera.animate(frameOf(box, 1.35));
 */

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The box around the points (missing ones skipped), or null when there is none. */
export function boundsOf(points: Iterable<Point | null | undefined>): Bounds | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of points) {
    if (!p) continue;
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  return Number.isFinite(minX) ? { minX, maxX, minY, maxY } : null;
}

/** The larger side of a box. */
export function extentOf(b: Bounds): number {
  return Math.max(b.maxX - b.minX, b.maxY - b.minY);
}

/**
 * The camera state that frames a box of sigma's normalized display
 * coordinates (the whole graph spans 0..1): centred on it, zoomed so its
 * larger side times `padding` fills the view, between 0.15 and 1.
 */
export function frameOf(b: Bounds, padding: number): { x: number; y: number; ratio: number } {
  return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2, ratio: Math.min(1, Math.max(0.15, extentOf(b) * padding)) };
}
