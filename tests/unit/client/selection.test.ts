/**
 * Multi-select (client/src/selection): toggling items, box and lasso
 * geometry, which gesture a drag starts, the entities the selection's
 * actions work on; and the keyboard table (client/src/app/keys.ts).
 */
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from '../../../client/src/app/keys.ts';
import { addLassoPoint, boxPolygon, emptySelection, gestureFor, idsInside, insidePolygon, isToggleClick, pathEnds, selectedEntities, toggleItem, withArea } from '../../../client/src/selection/index.ts';
import type { Point } from '../../../client/src/selection/types.ts';
import { selectionOf } from '../../../client/src/state/index.ts';
import { random } from './fixtures.ts';

const none = { shift: false, ctrl: false, alt: false };

describe('toggling items', () => {
  it('adds an item and makes it the focus, takes it out again, and picks the last one left as focus', () => {
    let s = selectionOf({ type: 'node', id: 'a' });
    s = toggleItem(s, { type: 'node', id: 'b' });
    expect([...s.nodes]).toEqual(['a', 'b']);
    expect(s.focus).toEqual({ type: 'node', id: 'b' });
    s = toggleItem(s, { type: 'edge', id: 'e1' });
    expect([...s.edges]).toEqual(['e1']);
    expect(s.focus).toEqual({ type: 'edge', id: 'e1' });
    s = toggleItem(s, { type: 'edge', id: 'e1' });
    expect(s.edges.size).toBe(0);
    expect(s.focus).toEqual({ type: 'node', id: 'b' });
    s = toggleItem(s, { type: 'node', id: 'a' });
    expect([...s.nodes]).toEqual(['b']);
    expect(s.focus).toEqual({ type: 'node', id: 'b' });
    s = toggleItem(s, { type: 'node', id: 'b' });
    expect(s).toEqual(emptySelection());
  });

  it('never changes the selection it is given (a new object is a change for the state)', () => {
    const s = selectionOf({ type: 'node', id: 'a' });
    const t = toggleItem(s, { type: 'node', id: 'b' });
    expect(t).not.toBe(s);
    expect([...s.nodes]).toEqual(['a']);
  });

  it('Shift or Ctrl/Cmd make a click a toggle', () => {
    expect(isToggleClick(none)).toBe(false);
    expect(isToggleClick({ shift: true, ctrl: false })).toBe(true);
    expect(isToggleClick({ shift: false, ctrl: true })).toBe(true);
  });
});

describe('box and lasso', () => {
  it('a drag starts a lasso with Alt, Ctrl or the lasso tool, a box with Shift, else nothing (the camera pans)', () => {
    expect(gestureFor(none, false)).toBeNull();
    expect(gestureFor({ ...none, shift: true }, false)).toBe('box');
    expect(gestureFor({ ...none, alt: true }, false)).toBe('lasso');
    expect(gestureFor({ ...none, ctrl: true }, false)).toBe('lasso');
    expect(gestureFor(none, true)).toBe('lasso');
    expect(gestureFor({ ...none, shift: true }, true)).toBe('lasso');
  });

  it('a box is the rectangle between where the drag began and where it is', () => {
    const box = boxPolygon({ x: 10, y: 20 }, { x: 50, y: 5 });
    expect(box).toEqual([{ x: 10, y: 20 }, { x: 50, y: 20 }, { x: 50, y: 5 }, { x: 10, y: 5 }]);
    expect(insidePolygon({ x: 30, y: 10 }, box)).toBe(true);
    expect(insidePolygon({ x: 60, y: 10 }, box)).toBe(false);
  });

  it('a concave lasso holds the points in its arms and not those in its notch', () => {
    // A U shape: arms at x 0-10 and 20-30, joined at the bottom (y 20-30).
    const u: Point[] = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 20 }, { x: 20, y: 20 }, { x: 20, y: 0 }, { x: 30, y: 0 }, { x: 30, y: 30 }, { x: 0, y: 30 }];
    const pts: [string, Point][] = [['left', { x: 5, y: 5 }], ['notch', { x: 15, y: 5 }], ['right', { x: 25, y: 5 }], ['base', { x: 15, y: 25 }], ['out', { x: 40, y: 5 }]];
    expect(idsInside(pts, u)).toEqual(['left', 'right', 'base']);
  });

  it('agrees with a brute-force count on random convex polygons (points strictly inside a circle)', () => {
    const rnd = random(7);
    for (let k = 0; k < 50; k++) {
      const cx = rnd() * 100, cy = rnd() * 100, r = 10 + rnd() * 40;
      const n = 24;
      // Inscribed 24-gon: every point within r*cos(pi/24) of the centre is inside it, every point beyond r outside.
      const poly = Array.from({ length: n }, (_, i) => ({ x: cx + r * Math.cos((2 * Math.PI * i) / n), y: cy + r * Math.sin((2 * Math.PI * i) / n) }));
      const inner = r * Math.cos(Math.PI / n);
      const pts: [string, Point][] = Array.from({ length: 60 }, (_, i) => [`p${i}`, { x: rnd() * 200 - 50, y: rnd() * 200 - 50 }]);
      const got = new Set(idsInside(pts, poly));
      for (const [id, p] of pts) {
        const d = Math.hypot(p.x - cx, p.y - cy);
        if (d < inner - 1e-9) expect(got.has(id), id).toBe(true);
        if (d > r) expect(got.has(id), id).toBe(false);
      }
    }
  });

  it('a polygon of fewer than three points holds nothing', () => {
    expect(idsInside([['a', { x: 0, y: 0 }]], [{ x: 0, y: 0 }, { x: 1, y: 1 }])).toEqual([]);
  });

  it('lasso points closer than the minimum to the last one are dropped', () => {
    const poly: Point[] = [];
    addLassoPoint(poly, { x: 0, y: 0 });
    addLassoPoint(poly, { x: 1, y: 1 });
    addLassoPoint(poly, { x: 5, y: 0 });
    expect(poly).toEqual([{ x: 0, y: 0 }, { x: 5, y: 0 }]);
  });

  it('an area replaces the selection (focus: the one entity caught, else none) or adds to it (focus kept)', () => {
    const s = selectionOf({ type: 'node', id: 'a' });
    const replaced = withArea(s, { ids: ['b', 'c'], additive: false });
    expect([...replaced.nodes]).toEqual(['b', 'c']);
    expect(replaced.focus).toBeNull();
    expect(withArea(s, { ids: ['b'], additive: false }).focus).toEqual({ type: 'node', id: 'b' });
    const added = withArea(s, { ids: ['b', 'a'], additive: true });
    expect([...added.nodes]).toEqual(['a', 'b']);
    expect(added.focus).toEqual({ type: 'node', id: 'a' });
  });
});

describe('what the actions work on', () => {
  it('the selected entities and both ends of each selected edge, once each', () => {
    const s = { focus: null, nodes: new Set(['a']), edges: new Set(['e1', 'gone']) };
    const ends = (e: string): [string, string] | null => (e === 'e1' ? ['a', 'b'] : null);
    expect(selectedEntities(s, ends)).toEqual(['a', 'b']);
  });

  it('paths run between exactly two selected entities', () => {
    expect(pathEnds({ focus: null, nodes: new Set(['a', 'b']), edges: new Set() })).toEqual(['a', 'b']);
    expect(pathEnds({ focus: null, nodes: new Set(['a', 'b', 'c']), edges: new Set() })).toBeNull();
    expect(pathEnds({ focus: null, nodes: new Set(['a', 'b']), edges: new Set(['e']) })).toBeNull();
  });
});

describe('the keyboard table', () => {
  const ev = (key: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
    ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods }) as KeyboardEvent;
  const what = (e: KeyboardEvent) => shortcutFor(e)?.what;

  it('each key finds the shortcut the list shows for it', () => {
    expect(what(ev('e'))).toBe('Expand the selection');
    expect(what(ev('H', { shiftKey: true }))).toBe('Hide the selection');
    expect(what(ev('p'))).toBe('Pin or unpin the selection');
    expect(what(ev('Delete'))).toBe('Remove the selection from the canvas');
    expect(what(ev('Backspace'))).toBe('Remove the selection from the canvas');
    expect(what(ev('?', { shiftKey: true }))).toBe('Show the keyboard shortcuts');
    expect(what(ev('ArrowLeft'))).toBe('Pan (with Shift: farther)');
    expect(what(ev('+', { shiftKey: true }))).toBe('Zoom in');
    expect(what(ev('-'))).toBe('Zoom out');
    expect(what(ev('0'))).toBe('Fit the graph');
    expect(what(ev('f'))).toBe('Fit the graph');
    expect(what(ev('z', { ctrlKey: true }))).toBe('Undo');
    expect(what(ev('Z', { ctrlKey: true, shiftKey: true }))).toBe('Redo');
    expect(what(ev('a', { metaKey: true }))).toBe('Select every entity drawn');
  });

  it('letters with Ctrl or Alt are not the plain shortcuts (Ctrl+E, Alt+H belong to the browser)', () => {
    expect(shortcutFor(ev('e', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(ev('h', { altKey: true }))).toBeUndefined();
  });

  it('every shortcut a key runs is listed with its keys, and no two rows claim the same key', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SHORTCUTS) {
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.what.length).toBeGreaterThan(3);
      if (s.match) expect(s.run, s.what).toBeDefined();
    }
  });
});
