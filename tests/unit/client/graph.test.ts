/** The canvas graph (client/src/graph): claims folded into drawn edges, seeded places, snapshots, bounding boxes. */
import { describe, expect, it } from 'vitest';
import { boundsOf, extentOf, frameOf } from '../../../client/src/graph/bounds.ts';
import { foldKey, sourceCount } from '../../../client/src/graph/fold.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { seededPoint } from '../../../client/src/graph/seed.ts';
import { CLAIMS, DATA, NODES, claim, node } from './fixtures.ts';

describe('GraphStore.merge folds claims into drawn edges', () => {
  it('folds parallel claims (same from, type, to) into one edge and keeps every claim', () => {
    const store = new GraphStore();
    const added = store.merge(DATA);
    const funded = foldKey('org-front', 'FUNDED', 'org-hub');
    expect(store.graph.getEdgeAttribute(funded, 'claims')).toEqual(['c-funded-1', 'c-funded-2']);
    expect(store.edgeClaims(funded).map((c) => c.status)).toEqual(['documented', 'reported']);
    // Six claims, five drawn edges: the two FUNDED claims share one.
    expect(added.claims).toHaveLength(6);
    expect(added.edges).toHaveLength(5);
    expect(store.graph.size).toBe(5);
    expect(store.claims.size).toBe(6);
  });

  it('keeps a claim in the other direction or of another type on its own edge', () => {
    const store = new GraphStore();
    store.merge(DATA);
    expect(store.graph.hasEdge(foldKey('org-hub', 'ALLIED_WITH', 'org-front'))).toBe(true);
    expect(store.graph.source(foldKey('org-hub', 'ALLIED_WITH', 'org-front'))).toBe('org-hub');
    expect(store.graph.outEdges('org-front', 'org-hub')).toEqual([foldKey('org-front', 'FUNDED', 'org-hub')]);
    expect(store.graph.outEdges('org-hub', 'org-front')).toEqual([foldKey('org-hub', 'ALLIED_WITH', 'org-front')]);
  });

  it('adds nothing twice, and skips claims whose ends are not on the canvas', () => {
    const store = new GraphStore();
    store.merge({ nodes: NODES.slice(0, 2), edges: CLAIMS });
    // Only the claims between org-hub and org-front come in.
    expect([...store.claims.keys()].sort()).toEqual(['c-allied', 'c-funded-1', 'c-funded-2']);
    const version = store.version;
    const again = store.merge({ nodes: NODES.slice(0, 2), edges: CLAIMS.slice(0, 3) });
    expect(again).toEqual({ nodes: [], claims: [], edges: [] });
    expect(store.version).toBe(version);
  });

  it('a later claim joins its drawn edge; only new edges are reported as new', () => {
    const store = new GraphStore();
    store.merge({ nodes: NODES, edges: [CLAIMS[0]!] });
    const added = store.merge({ nodes: [], edges: [CLAIMS[1]!, CLAIMS[2]!] });
    expect(added.claims).toEqual(['c-funded-2', 'c-allied']);
    expect(added.edges).toEqual([foldKey('org-hub', 'ALLIED_WITH', 'org-front')]);
  });

  it('places entities where the seed says, the same in every store, and new ones next to their anchor', () => {
    const a = new GraphStore();
    const b = new GraphStore();
    a.merge(DATA);
    b.merge(DATA);
    for (const n of NODES) expect(a.node(n.id)).toMatchObject({ x: b.node(n.id)!.x, y: b.node(n.id)!.y });
    const hub = a.node('org-hub')!;
    const spread = a.spread();
    a.merge({ nodes: [node('person-new', 'person')], edges: [claim('c-new', 'person-new', 'MEMBER_OF', 'org-hub', 'reported', null)] }, { near: 'org-hub' });
    const p = a.node('person-new')!;
    expect(Math.hypot(p.x - hub.x, p.y - hub.y)).toBeLessThanOrEqual(spread * 0.12 + 1e-9);
    expect(seededPoint('x', 10, 20, 0)).toEqual({ x: 10, y: 20 });
  });

  it('keeps an entity already drawn where it is, with its pin, and updates its data', () => {
    const store = new GraphStore();
    store.merge(DATA);
    store.setPositions({ 'org-hub': { x: 500, y: -500 } });
    store.setPinned('org-hub', true);
    store.merge({ nodes: [{ ...NODES[0]!, name: 'The Hub' }], edges: [] });
    expect(store.node('org-hub')).toMatchObject({ x: 500, y: -500, pinned: true, label: 'The Hub' });
  });

  it('counts sources: distinct source ids, a claim without one counting as its own', () => {
    expect(sourceCount([CLAIMS[0]!, CLAIMS[1]!])).toBe(2);
    expect(sourceCount([CLAIMS[1]!, CLAIMS[4]!])).toBe(1); // both from src-gazette
    expect(sourceCount([CLAIMS[2]!, { ...CLAIMS[2]!, id: 'c-allied-2' }])).toBe(2);
    expect(sourceCount([])).toBe(0);
  });
});

describe('GraphStore changes', () => {
  it('notifies once per change, and once for a batch; moves are told apart', () => {
    const store = new GraphStore();
    let changes = 0;
    let moves = 0;
    store.onChange(() => changes++);
    store.onMove(() => moves++);
    store.merge(DATA);
    expect(changes).toBe(1);
    store.setHidden(['org-hub', 'org-front', 'person-eve'], true);
    expect(changes).toBe(2);
    store.batch(() => {
      store.setPinned('org-hub', true);
      store.removeNodes(['person-eve']);
    });
    expect(changes).toBe(3);
    const version = store.version;
    store.setPositions({ 'org-hub': { x: 1, y: 2 } });
    expect([changes, moves, store.version]).toEqual([3, 1, version]);
  });

  it('removing an entity takes its claims away', () => {
    const store = new GraphStore();
    store.merge(DATA);
    store.removeNodes(['org-front']);
    expect([...store.claims.keys()].sort()).toEqual(['c-member', 'c-rally']);
    expect(store.graph.hasEdge(foldKey('org-front', 'FUNDED', 'org-hub'))).toBe(false);
  });

  it('a snapshot restores entities, places, pins, hides, claims and expansions', () => {
    const store = new GraphStore();
    store.merge(DATA);
    store.setPinned('org-hub', true);
    store.setHidden(['person-eve'], true);
    store.markExpanded('org-hub');
    store.setPositions({ 'org-front': { x: 7, y: 8 } });
    const snap = store.snapshot();
    store.clear();
    store.merge({ nodes: [node('other', 'person')], edges: [] });
    store.restore(snap);
    expect(store.graph.order).toBe(NODES.length);
    expect(store.claims.size).toBe(CLAIMS.length);
    expect(store.node('org-front')).toMatchObject({ x: 7, y: 8 });
    expect(store.pinned()).toEqual(['org-hub']);
    expect(store.hiddenByUser()).toEqual(['person-eve']);
    expect([...store.expanded]).toEqual(['org-hub']);
    expect(store.graph.getEdgeAttribute(foldKey('org-front', 'FUNDED', 'org-hub'), 'claims')).toEqual(['c-funded-1', 'c-funded-2']);
  });

  it('lists of hidden and pinned entities are copies (a caller cannot change the memo)', () => {
    const store = new GraphStore();
    store.merge(DATA);
    store.setPinned('org-hub', true);
    store.pinned().push('intruder');
    expect(store.pinned()).toEqual(['org-hub']);
  });
});

describe('bounding boxes', () => {
  it('boxes points, skipping missing ones; none gives null', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([null, undefined])).toBeNull();
    expect(boundsOf([{ x: 1, y: 5 }, null, { x: -3, y: 2 }, { x: 0, y: 9 }])).toEqual({ minX: -3, maxX: 1, minY: 2, maxY: 9 });
    expect(extentOf({ minX: -3, maxX: 1, minY: 2, maxY: 9 })).toBe(7);
  });

  it('frames a box: centred, ratio from the larger side times the padding, between 0.15 and 1', () => {
    expect(frameOf({ minX: 0.2, maxX: 0.6, minY: 0.4, maxY: 0.5 }, 1.5)).toEqual({ x: 0.4, y: 0.45, ratio: expect.closeTo(0.6, 10) });
    expect(frameOf({ minX: 0.5, maxX: 0.5, minY: 0.5, maxY: 0.5 }, 1.35).ratio).toBe(0.15);
    expect(frameOf({ minX: 0, maxX: 2, minY: 0, maxY: 1 }, 1.35).ratio).toBe(1);
  });

  it('the store spreads new entities by the size of what is drawn', () => {
    const store = new GraphStore();
    expect(store.spread()).toBe(100);
    store.merge({ nodes: [node('a', 'person'), node('b', 'person')], edges: [] });
    store.setPositions({ a: { x: -400, y: 0 }, b: { x: 400, y: 10 } });
    expect(store.spread()).toBe(400);
    store.setPositions({ a: { x: 0, y: 0 }, b: { x: 1, y: 1 } });
    expect(store.spread()).toBe(50);
  });
});
