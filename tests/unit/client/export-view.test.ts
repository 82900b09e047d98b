/**
 * What the client's exports carry (client/src/export): the scope of a
 * multi-selection, the `view` (places, sizes, colours) GEXF and GraphML get,
 * and the SVG's edge geometry.
 */
import { describe, expect, it } from 'vitest';
import { computeVisibility } from '../../../client/src/filters/index.ts';
import { DEFAULT_FILTERS } from '../../../client/src/filters/types.ts';
import { foldKey } from '../../../client/src/graph/fold.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { scopeIds, viewFor } from '../../../client/src/export/index.ts';
import { edgeShape, pictureBounds, type SvgEdge } from '../../../client/src/export/svg-geometry.ts';
import { DEFAULT_STATUS_ORDER, selectionOf } from '../../../client/src/state/index.ts';
import { DATA } from './fixtures.ts';

function setup() {
  const store = new GraphStore();
  store.merge(DATA);
  const vis = computeVisibility(store, DEFAULT_FILTERS, DEFAULT_STATUS_ORDER);
  return { store, vis };
}

describe('the scope of an export', () => {
  it('a multi-selection exports exactly its entities and the ends of its edges', () => {
    const { store, vis } = setup();
    const edge = foldKey('org-hub', 'ORGANIZED', 'event-rally');
    const sel = { focus: null, nodes: new Set(['person-eve', 'org-front']), edges: new Set([edge]) };
    expect(scopeIds('selection', store.graph, vis.nodes, sel)?.sort()).toEqual(['event-rally', 'org-front', 'org-hub', 'person-eve']);
  });

  it('one selected entity comes with its drawn neighbours; nothing selected exports nothing', () => {
    const { store, vis } = setup();
    expect(scopeIds('selection', store.graph, vis.nodes, selectionOf({ type: 'node', id: 'person-eve' }))).toEqual(['person-eve', 'org-hub']);
    expect(scopeIds('selection', store.graph, vis.nodes, selectionOf(null))).toBeUndefined();
    expect(scopeIds('view', store.graph, vis.nodes, selectionOf(null))?.sort()).toEqual([...vis.nodes].sort());
  });
});

describe('the view sent with GEXF and GraphML', () => {
  it('has each entity’s place, drawn size and kind colour, and each drawn claim’s colour and width', () => {
    const { store, vis } = setup();
    store.setPositions({ 'org-hub': { x: 1.23456, y: -7.891 } });
    const sizes = new Map([['org-hub', 14.5]]);
    const view = viewFor(['org-hub', 'org-front', 'not-on-canvas'], store.graph, sizes, vis);
    expect(view.nodes['org-hub']).toEqual({ x: 1.23, y: -7.89, size: 14.5, color: '#4477AA' });
    expect(view.nodes['org-front']?.color).toBe('#4477AA');
    expect(view.nodes['not-on-canvas']).toBeUndefined();
    // Both FUNDED claims fold into one edge drawn as its strongest (documented): dark, thicker for two sources.
    expect(view.edges?.['c-funded-1']).toEqual(view.edges?.['c-funded-2']);
    expect(view.edges?.['c-funded-1']?.color).toBe('#1f2a37');
    // A claim to an entity outside the export is not described.
    expect(view.edges?.['c-member']).toBeUndefined();
  });
});

describe('the SVG’s edges', () => {
  const base: SvgEdge = { id: 'e', source: { x: 0, y: 0, r: 5 }, target: { x: 100, y: 0, r: 10 }, color: '#000', width: 2, dash: [], curvature: 0, title: '' };

  it('a straight edge stops where its arrow head begins, and the head’s tip touches the target’s rim', () => {
    const s = edgeShape(base);
    const head = s.head.split(' ').map((p) => p.split(',').map(Number));
    expect(head[0]).toEqual([90, 0]);
    const end = s.d.split('L')[1]!.split(',').map(Number);
    expect(end[1]).toBe(0);
    expect(end[0]).toBeCloseTo(90 - Math.max(6, 2 * 3.2), 5);
  });

  it('a curved edge bends to the side sigma bends it (normal dy, -dx: above a left-to-right edge)', () => {
    const s = edgeShape({ ...base, curvature: 0.25 });
    const q = s.d.match(/Q(-?[\d.]+),(-?[\d.]+)/)!;
    expect(Number(q[1])).toBe(50);
    expect(Number(q[2])).toBe(-25);
  });

  it('bounds hold every node with room for its label', () => {
    const b = pictureBounds([{ id: 'a', x: 0, y: 0, r: 5, color: '#000', label: 'abcd', name: 'abcd' }], 10);
    expect(b).toEqual({ x: -15, y: -15, width: 5 + 5 + 4 + 26 + 20, height: 30 });
  });
});
