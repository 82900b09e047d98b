/**
 * The part of the canvas no panel covers, for framing the camera: the
 * evidence panel, the sidebar, the console, the path finder or the time bar
 * may lie over the canvas (on a small screen, or as a popover), and a path
 * framed under the panel is a path not seen.
 */

import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';
import { frameOf, type Bounds } from '../graph/bounds.ts';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';

/** Framing: the deepest zoom, and the room kept around the framed nodes for their labels (px). */
const FIT_MIN_RATIO = 0.15;
const FIT_MARGIN = { x: 90, y: 40 };

/** Elements that may lie over the canvas. */
const OVERLAYS = ['#panel', '#sidebar', '#console', '#path-popover', '.timebar'];

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The largest part of the container's box that no visible overlay covers (relative to the container). */
export function freeArea(container: HTMLElement, overlays: readonly string[] = OVERLAYS): Area {
  const c = container.getBoundingClientRect();
  let l = c.left;
  let t = c.top;
  let r = c.right;
  let b = c.bottom;
  for (const sel of overlays) {
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (el.hidden || el.getClientRects().length === 0) continue;
      const o = el.getBoundingClientRect();
      const w = Math.min(o.right, r) - Math.max(o.left, l);
      const h = Math.min(o.bottom, b) - Math.max(o.top, t);
      if (w <= 0 || h <= 0) continue;
      // Cut the side the overlay lies on (the wider remainder is kept), unless that leaves too little.
      if (h >= w) {
        const left = o.left + o.width / 2 < (l + r) / 2;
        const nl = left ? Math.max(l, o.right) : l;
        const nr = left ? r : Math.min(r, o.left);
        if (nr - nl >= (c.width * 0.35)) [l, r] = [nl, nr];
      } else {
        const top = o.top + o.height / 2 < (t + b) / 2;
        const nt = top ? Math.max(t, o.bottom) : t;
        const nb = top ? b : Math.min(b, o.top);
        if (nb - nt >= (c.height * 0.35)) [t, b] = [nt, nb];
      }
    }
  }
  return { x: l - c.left, y: t - c.top, width: r - l, height: b - t };
}

/**
 * The camera that shows a box of display coordinates inside the free
 * area (freeArea), with room for labels: zoomed so the box fits (between
 * FIT_MIN_RATIO and 1), then moved so the box's centre is the area's.
 */
export function frameInFreeArea(sigma: Sigma<NodeAttrs, EdgeAttrs>, box: Bounds): CameraState {
  // The container may have changed size since the last frame (a panel just opened): measure as the browser lays it out now.
  sigma.resize();
  const area = freeArea(sigma.getContainer());
  const { width, height } = sigma.getDimensions();
  if (area.width < 50 || area.height < 50 || !width || !height) return { ...frameOf(box, 1.35), angle: 0 };
  const at1 = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const a = sigma.framedGraphToViewport({ x: box.minX, y: box.minY }, { cameraState: at1 });
  const b = sigma.framedGraphToViewport({ x: box.maxX, y: box.maxY }, { cameraState: at1 });
  const room = { x: Math.max(40, area.width - 2 * FIT_MARGIN.x), y: Math.max(40, area.height - 2 * FIT_MARGIN.y) };
  const ratio = Math.min(1, Math.max(FIT_MIN_RATIO, Math.abs(b.x - a.x) / room.x, Math.abs(b.y - a.y) / room.y));
  const centre = { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
  // The point drawn at the area's centre when the camera is on the box's centre: move the camera by the difference.
  const p = sigma.viewportToFramedGraph({ x: area.x + area.width / 2, y: area.y + area.height / 2 }, { cameraState: { ...centre, ratio, angle: 0 } });
  return { x: 2 * centre.x - p.x, y: 2 * centre.y - p.y, ratio, angle: 0 };
}
