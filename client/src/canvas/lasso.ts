/**
 * Box and lasso selection on the canvas. A drag that begins on the empty
 * canvas (or on an edge) with Shift draws a box; with Alt or Ctrl/Cmd, or
 * while the lasso tool is on, a free-hand lasso. The outline is drawn on an
 * SVG overlay above sigma's canvases (pointer-events: none, so sigma keeps
 * the pointer); the camera does not pan meanwhile. On release, the points
 * of the polygon go to `done` in CSS pixels of the canvas; the canvas
 * decides which entities are inside from their drawn places.
 */
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';
import type { MouseCoords } from 'sigma/types';
import { addLassoPoint, boxPolygon, gestureFor, idsInside } from '../selection/index.ts';
import type { GestureKind, Modifiers, Point } from '../selection/types.ts';
import { svg } from '../ui/dom.ts';

/** A drag shorter than this (px) is a click, not a gesture. */
const MIN_DRAG = 4;

export interface LassoEvents {
  /** The lasso tool is on: a plain drag on the empty canvas draws a lasso. */
  tool(): boolean;
  /** A gesture ended with this polygon (CSS pixels of the canvas). */
  done(polygon: Point[], kind: GestureKind, mods: Modifiers): void;
}

export function modifiersOf(e: MouseEvent | TouchEvent | undefined): Modifiers {
  return { shift: !!e?.shiftKey, ctrl: !!(e?.ctrlKey || e?.metaKey), alt: !!e?.altKey };
}

export class LassoGesture {
  readonly overlay: SVGSVGElement;
  private readonly outline: SVGPathElement;
  private kind: GestureKind | null = null;
  private mods: Modifiers = { shift: false, ctrl: false, alt: false };
  private start: Point = { x: 0, y: 0 };
  private points: Point[] = [];
  private moved = false;
  /** A gesture just ended: the click that follows the release is not a click on the stage. */
  private swallowClick = false;

  constructor(
    private readonly sigma: Sigma<NodeAttrs, EdgeAttrs>,
    parent: HTMLElement,
    private readonly on: LassoEvents,
  ) {
    this.outline = svg('path', { class: 'lasso-outline', 'fill-rule': 'evenodd' });
    this.overlay = svg('svg', { class: 'lasso-overlay', 'aria-hidden': 'true', 'data-testid': 'lasso-overlay' }, this.outline);
    parent.appendChild(this.overlay);
    sigma.on('downStage', ({ event }) => this.begin(event));
    sigma.on('downEdge', ({ event }) => this.begin(event));
    const captor = sigma.getMouseCaptor();
    captor.on('mousemovebody', (e) => this.move(e));
    captor.on('mouseup', () => this.end());
  }

  /** True while a box or lasso is being drawn. */
  get active(): boolean {
    return this.kind !== null;
  }

  /** True (once) right after a gesture ended: the canvas ignores the click the release makes. */
  takeSwallowedClick(): boolean {
    const s = this.swallowClick;
    this.swallowClick = false;
    return s;
  }

  private begin(event: MouseCoords): void {
    const mods = modifiersOf(event.original as MouseEvent);
    const kind = gestureFor(mods, this.on.tool());
    if (!kind) return;
    this.kind = kind;
    this.mods = mods;
    this.start = { x: event.x, y: event.y };
    this.points = [this.start];
    this.moved = false;
  }

  private move(e: MouseCoords): void {
    if (!this.kind) return;
    // The camera stays where it is while the outline is drawn.
    e.preventSigmaDefault();
    e.original.preventDefault();
    const p = { x: e.x, y: e.y };
    if (!this.moved && Math.hypot(p.x - this.start.x, p.y - this.start.y) < MIN_DRAG) return;
    this.moved = true;
    if (this.kind === 'box') this.points = boxPolygon(this.start, p);
    else addLassoPoint(this.points, p);
    this.draw();
  }

  private draw(): void {
    const d = this.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    this.outline.setAttribute('d', `${d} Z`);
    this.overlay.dataset.kind = this.kind ?? '';
    this.overlay.classList.add('is-drawing');
  }

  private end(): void {
    if (!this.kind) return;
    const { kind, mods, points, moved } = this;
    this.kind = null;
    this.overlay.classList.remove('is-drawing');
    this.outline.setAttribute('d', '');
    if (!moved) return; // a click: sigma's click handlers take it
    this.swallowClick = true;
    // Reset after the click event the release makes (if any) has been handled.
    setTimeout(() => (this.swallowClick = false), 0);
    this.on.done(points, kind, mods);
  }
}

/** The entities (of `drawn`) whose centres sigma draws inside a polygon (CSS pixels of the canvas). */
export function nodesInside(sigma: Sigma<NodeAttrs, EdgeAttrs>, drawn: Iterable<string>, polygon: Point[]): string[] {
  const points: [string, Point][] = [];
  for (const id of drawn) {
    const d = sigma.getNodeDisplayData(id);
    if (d && !d.hidden) points.push([id, sigma.framedGraphToViewport(d)]);
  }
  return idsInside(points, polygon);
}

/** Moves the camera by a number of CSS pixels (the arrow keys), briefly animated. */
export function panBy(sigma: Sigma<NodeAttrs, EdgeAttrs>, dx: number, dy: number): void {
  const { width, height } = sigma.getDimensions();
  const centre = sigma.viewportToFramedGraph({ x: width / 2 + dx, y: height / 2 + dy });
  void sigma.getCamera().animate({ x: centre.x, y: centre.y }, { duration: 120 }); // ends on its own, never rejects
}
