/**
 * The explorer's one state (client/src/state): one notification per change,
 * delivered in subscription order, with derived state up to date; batches;
 * changes made while delivering; undo and redo; save and load.
 */
import { describe, expect, it } from 'vitest';
import { URL_ASPECTS, urlStateOf } from '../../../client/src/app/url-sync.ts';
import { DEFAULT_FILTERS } from '../../../client/src/filters/types.ts';
import { foldKey } from '../../../client/src/graph/fold.ts';
import { ExplorerState, newItemsHighlight, type Aspect, type Change } from '../../../client/src/state/index.ts';
import { decodeUrlState, encodeUrlState } from '../../../client/src/url/index.ts';
import { DATA, claim, node } from './fixtures.ts';

/** A state with the fixture drawn, and a log of the notifications after that. */
function setup() {
  const state = new ExplorerState({ onError: (e) => errors.push(e) });
  const errors: unknown[] = [];
  state.graph.merge(DATA);
  const log: Aspect[][] = [];
  state.subscribe((c) => log.push([...c.aspects].sort()));
  return { state, log, errors };
}

describe('the change notification', () => {
  it('tells subscribers once per change, with what changed', () => {
    const { state, log } = setup();
    state.set({ metric: 'pagerank' });
    state.select({ type: 'node', id: 'org-hub' });
    state.graph.setPinned('org-hub', true);
    expect(log).toEqual([['metric'], ['selection'], ['graph']]);
  });

  it('says nothing when a value does not change', () => {
    const { state, log } = setup();
    const f = state.view.filters;
    state.set({ filters: f, metric: 'degree', query: null });
    expect(log).toEqual([]);
  });

  it('tells each change once for a batch, however many changes it holds', () => {
    const { state, log } = setup();
    const result = state.batch(() => {
      state.checkpoint();
      const added = state.graph.merge({ nodes: [node('person-new', 'person')], edges: [claim('c-new', 'person-new', 'MEMBER_OF', 'org-hub', 'reported', null)] });
      state.graph.markExpanded('org-hub');
      state.set({ highlight: newItemsHighlight(added), added: ['person-new'] });
      state.batch(() => state.set({ query: 'MATCH (n) RETURN n' })); // nested
      return added;
    });
    expect(result.nodes).toEqual(['person-new']);
    expect(log).toEqual([['added', 'graph', 'highlight', 'history', 'query']]);
  });

  it('a store batch of many entities is one change', () => {
    const { state, log } = setup();
    state.graph.setHidden(['org-hub', 'org-front', 'person-eve'], true);
    state.graph.removeNodes(['org-hub', 'org-front']);
    expect(log).toEqual([['graph'], ['graph']]);
  });

  it('delivers to subscribers in the order they subscribed', () => {
    const state = new ExplorerState();
    const order: string[] = [];
    for (const name of ['canvas', 'sidebar', 'panel', 'toolbar', 'url']) state.subscribe(() => order.push(name));
    state.set({ metric: 'betweenness' });
    expect(order).toEqual(['canvas', 'sidebar', 'panel', 'toolbar', 'url']);
  });

  it('derived state is up to date for every subscriber and once set() returns', () => {
    const { state } = setup();
    const seen: boolean[] = [];
    state.subscribe(() => seen.push(state.visibility.nodes.has('person-eve')));
    expect(state.visibility.nodes.has('person-eve')).toBe(true);
    state.set({ filters: { ...DEFAULT_FILTERS, hiddenStatuses: ['alleged'] } });
    expect(seen).toEqual([false]);
    expect(state.visibility.nodes.has('person-eve')).toBe(false);
    expect(state.visibility.hiddenNodes.get('person-eve')).toBe('isolated');
  });

  it('recomputes visibility only when the graph, filters or status order changed, and sizes when the metric did', () => {
    const { state } = setup();
    const vis = state.visibility;
    const sizes = state.sizes;
    state.select({ type: 'node', id: 'org-hub' });
    state.set({ highlight: null, query: 'x', camera: { x: 0.5, y: 0.5, ratio: 0.5, angle: 0 } });
    state.graph.setPositions({ 'org-hub': { x: 3, y: 4 } });
    expect(state.visibility).toBe(vis);
    expect(state.sizes).toBe(sizes);
    state.set({ metric: 'pagerank' });
    expect(state.visibility).toBe(vis);
    expect(state.sizes).not.toBe(sizes);
    state.graph.setHidden(['person-eve'], true);
    expect(state.visibility).not.toBe(vis);
  });

  it('sizes follow the metric: the hub is the biggest by degree', () => {
    const { state } = setup();
    const sizes = state.sizes;
    const hub = sizes.get('org-hub')!;
    for (const [id, size] of sizes) if (id !== 'org-hub') expect(size).toBeLessThan(hub);
    expect(hub).toBe(18); // the top of NODE_SIZES.normal
  });

  it('positions are their own aspect and do not move the graph version', () => {
    const { state, log } = setup();
    const version = state.graph.version;
    state.graph.setPositions({ 'org-hub': { x: 1, y: 1 } });
    expect(log).toEqual([['positions']]);
    expect(state.graph.version).toBe(version);
  });

  it('a change made by a subscriber is delivered after every subscriber heard of the current one', () => {
    const state = new ExplorerState();
    const order: string[] = [];
    state.subscribe((c) => {
      order.push(`a:${[...c.aspects].join()}`);
      if (c.has('metric')) state.set({ query: 'follow-up' });
    });
    state.subscribe((c) => order.push(`b:${[...c.aspects].join()}`));
    state.set({ metric: 'pagerank' });
    expect(order).toEqual(['a:metric', 'b:metric', 'a:query', 'b:query']);
    expect(state.view.query).toBe('follow-up');
  });

  it('a failing subscriber is reported and the others still hear of the change', () => {
    const { state, errors } = setup();
    const heard: string[] = [];
    state.subscribe(() => {
      throw new Error('boom');
    });
    state.subscribe(() => heard.push('after'));
    state.set({ metric: 'pagerank' });
    expect(heard).toEqual(['after']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('boom');
  });

  it('an unsubscribed subscriber hears nothing more', () => {
    const state = new ExplorerState();
    const heard: Change[] = [];
    const off = state.subscribe((c) => heard.push(c));
    state.set({ metric: 'pagerank' });
    off();
    state.set({ metric: 'degree' });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.has('metric', 'graph')).toBe(true);
    expect(heard[0]!.has('graph')).toBe(false);
  });

  it('selecting the same item again is a change (the panel reloads), and a selection names its nodes', () => {
    const { state, log } = setup();
    state.select({ type: 'node', id: 'org-hub' });
    state.select({ type: 'node', id: 'org-hub' });
    expect(log).toEqual([['selection'], ['selection']]);
    expect([...state.view.selection.nodes]).toEqual(['org-hub']);
    state.select({ type: 'edge', id: 'e' });
    expect([...state.view.selection.edges]).toEqual(['e']);
    expect(state.view.selection.nodes.size).toBe(0);
  });
});

describe('undo and redo through the state', () => {
  it('undo puts the graph back, clears the highlight and a selection whose item is gone; redo brings it again', () => {
    const { state, log } = setup();
    state.batch(() => {
      state.checkpoint();
      const added = state.graph.merge({ nodes: [node('person-new', 'person')], edges: [claim('c-new', 'person-new', 'MEMBER_OF', 'org-hub', 'reported', null)] });
      state.set({ highlight: newItemsHighlight(added) });
      state.select({ type: 'node', id: 'person-new' });
    });
    expect(state.canUndo).toBe(true);
    log.length = 0;
    expect(state.undo()).toBe(true);
    expect(log).toEqual([['graph', 'highlight', 'history', 'selection']]);
    expect(state.graph.hasNode('person-new')).toBe(false);
    expect(state.visibility.nodes.has('person-new')).toBe(false);
    expect(state.view.highlight).toBeNull();
    expect(state.view.selection.focus).toBeNull();
    expect([state.canUndo, state.canRedo]).toEqual([false, true]);
    expect(state.redo()).toBe(true);
    expect(state.graph.hasNode('person-new')).toBe(true);
    expect(state.graph.claims.has('c-new')).toBe(true);
    expect(state.redo()).toBe(false);
  });

  it('keeps a selection whose item is still there', () => {
    const { state } = setup();
    state.select({ type: 'node', id: 'org-hub' });
    state.checkpoint();
    state.graph.setPinned('org-hub', true);
    state.undo();
    expect(state.view.selection.focus).toEqual({ type: 'node', id: 'org-hub' });
    expect(state.graph.node('org-hub')?.pinned).toBe(false);
  });

  it('clearing the history is a change the toolbar hears of', () => {
    const { state, log } = setup();
    state.checkpoint();
    state.clearHistory();
    expect(state.canUndo).toBe(false);
    expect(log).toEqual([['history'], ['history']]);
  });

  it('resetView goes back to the defaults but keeps the schema, camera and opening size', () => {
    const { state } = setup();
    const camera = { x: 0.1, y: 0.2, ratio: 0.3, angle: 0 };
    state.set({ metric: 'pagerank', query: 'q', added: ['a'], removed: ['r'], camera, opening: { limit: 8, edgeLimit: null, autoLayout: false } });
    state.select({ type: 'node', id: 'org-hub' });
    state.resetView();
    expect(state.view).toMatchObject({ metric: 'degree', query: null, added: [], removed: [], camera, opening: { limit: 8 }, filters: DEFAULT_FILTERS });
    expect(state.view.selection.focus).toBeNull();
  });
});

describe('saving and loading the whole working state', () => {
  it('round-trips through JSON: entities, places, pins, hides, claims, filters, selection, camera', () => {
    const { state } = setup();
    state.batch(() => {
      state.graph.setPositions({ 'org-hub': { x: 12.5, y: -7 }, 'person-eve': { x: 3, y: 4 } });
      state.graph.setPinned('org-hub', true);
      state.graph.setHidden(['event-rally'], true);
      state.graph.markExpanded('org-hub');
      state.set({
        filters: { ...DEFAULT_FILTERS, hiddenStatuses: ['disputed'], yearFrom: 2000 },
        metric: 'betweenness',
        path: { from: 'person-eve', to: 'org-front', status: null, maxHops: 4, direction: 'any', types: null, canvasFilters: true },
        query: 'MATCH (n) RETURN n',
        added: ['person-eve'],
        removed: ['gone'],
        leftOut: new Map([['org-hub', [{ types: null, rows: [{ type: 'PAID', claims: 3, nodes: 2, amounts: [], exact: true }], answer: ['org-front'], statuses: null, kinds: null }]]]),
        camera: { x: 0.4, y: 0.6, ratio: 0.5, angle: 0 },
        opening: { limit: 100, edgeLimit: null, autoLayout: false },
      });
      state.select({ type: 'edge', id: foldKey('org-front', 'FUNDED', 'org-hub') });
    });
    const saved = JSON.parse(JSON.stringify(state.save())) as ReturnType<ExplorerState['save']>;

    const other = new ExplorerState();
    const heard: Aspect[][] = [];
    other.subscribe((c) => heard.push([...c.aspects]));
    other.load(saved);
    expect(heard).toHaveLength(1);
    expect(other.save()).toEqual(saved);
    expect(other.graph.node('org-hub')).toMatchObject({ x: 12.5, y: -7, pinned: true, label: 'org hub', kind: 'organization' });
    expect(other.graph.hiddenByUser()).toEqual(['event-rally']);
    expect(other.graph.edgeClaims(foldKey('org-front', 'FUNDED', 'org-hub')).map((c) => c.id)).toEqual(['c-funded-1', 'c-funded-2']);
    expect(other.view.selection.edges.has(foldKey('org-front', 'FUNDED', 'org-hub'))).toBe(true);
    expect(other.view.leftOut.get('org-hub')?.[0]?.rows[0]?.claims).toBe(3);
    expect([...other.visibility.nodes].sort()).toEqual([...state.visibility.nodes].sort());
    expect([...other.visibility.edges.keys()].sort()).toEqual([...state.visibility.edges.keys()].sort());
  });

  it('a saved state is plain data: changing it later does not change the state', () => {
    const { state } = setup();
    const saved = state.save();
    saved.filters.hiddenKinds.push('person');
    saved.nodes[0]!.x = 999;
    expect(state.view.filters.hiddenKinds).toEqual(['source']);
    expect(state.graph.node(saved.nodes[0]!.entity.id)?.x).not.toBe(999);
  });
});

describe('the URL from the state', () => {
  it('holds what a link reopens, and decodes back to it', () => {
    const { state } = setup();
    state.batch(() => {
      state.graph.setHidden(['person-eve'], true);
      state.graph.setPinned('org-hub', true);
      state.graph.markExpanded('org-front');
      state.set({ added: ['event-rally', 'not-on-canvas'], removed: ['x'], camera: { x: 0.5, y: 0.25, ratio: 0.7, angle: 0 } });
      state.select({ type: 'node', id: 'org-hub' });
    });
    const url = urlStateOf(state);
    expect(url).toMatchObject({ focus: 'org-hub', expanded: ['org-front'], added: ['event-rally'], hidden: ['person-eve'], removed: ['x'], pinned: ['org-hub'], camera: { x: 0.5, y: 0.25, ratio: 0.7 } });
    expect(decodeUrlState(encodeUrlState(url))).toEqual(url);
  });

  it('is rewritten for the aspects a link holds (places too: the fragment holds them), not for highlights or the layout', () => {
    for (const a of ['graph', 'positions', 'filters', 'selection', 'camera'] as Aspect[]) expect(URL_ASPECTS).toContain(a);
    for (const a of ['highlight', 'layout', 'history'] as Aspect[]) expect(URL_ASPECTS).not.toContain(a);
  });
});
