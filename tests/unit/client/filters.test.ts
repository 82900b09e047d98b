/** Visibility from the filters (client/src/filters): what is drawn, what is hidden and why, the legend's counts. */
import { describe, expect, it } from 'vitest';
import { claimDrawn, computeVisibility, dateActive, expandParams, filtersActive, toggle, weakerThan } from '../../../client/src/filters/index.ts';
import { claimPasses, datasetHidden } from '../../../client/src/filters/predicates.ts';
import { DEFAULT_FILTERS, type Filters } from '../../../client/src/filters/types.ts';
import { claimYears } from '../../../client/src/graph/dates.ts';
import { foldKey } from '../../../client/src/graph/fold.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { DEFAULT_STATUS_ORDER } from '../../../client/src/state/index.ts';
import type { SchemaInfo } from '../../../client/src/api/types.ts';
import { CLAIMS, DATA, claim } from './fixtures.ts';

const ORDER = DEFAULT_STATUS_ORDER;
const FUNDED = foldKey('org-front', 'FUNDED', 'org-hub');

function visibility(f: Partial<Filters> = {}, prepare?: (s: GraphStore) => void) {
  const store = new GraphStore();
  store.merge(DATA);
  prepare?.(store);
  return { store, v: computeVisibility(store, { ...DEFAULT_FILTERS, ...f }, ORDER) };
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('computeVisibility', () => {
  it('by default draws every entity but sources, and every claim between drawn entities', () => {
    const { v } = visibility();
    expect(sorted(v.nodes)).toEqual(['event-rally', 'org-front', 'org-hub', 'person-eve']);
    expect(v.hiddenNodes).toEqual(new Map([['src-filing', 'kind']]));
    expect(v.edges.get(FUNDED)?.map((c) => c.id)).toEqual(['c-funded-1', 'c-funded-2']);
    expect(v.edges.size).toBe(4);
    // The source's claim is not drawn (its end is hidden), and not counted as filtered out.
    expect(v.counts).toMatchObject({ claimsTotal: 6, claimsShown: 5, claimsFiltered: 0 });
    expect(v.counts.kinds.get('source')).toEqual({ total: 1, shown: 0 });
    expect(v.counts.statuses.get('documented')).toEqual({ total: 2, shown: 1 });
  });

  it('hides an entity left without a drawn claim ("isolated") rather than leave it floating', () => {
    const { v } = visibility({ hiddenStatuses: ['alleged'] });
    expect(v.nodes.has('person-eve')).toBe(false);
    expect(v.hiddenNodes.get('person-eve')).toBe('isolated');
    expect(v.counts.claimsFiltered).toBe(1);
  });

  it('keeps the claims of a drawn edge strongest first, in the given order', () => {
    expect(visibility().v.edges.get(FUNDED)?.map((c) => c.status)).toEqual(['documented', 'reported']);
    const store = new GraphStore();
    store.merge(DATA);
    const reversed = computeVisibility(store, DEFAULT_FILTERS, [...ORDER].reverse());
    expect(reversed.edges.get(FUNDED)?.map((c) => c.status)).toEqual(['reported', 'documented']);
  });

  it('a status filter takes one claim out of a folded edge and leaves the other', () => {
    const { v } = visibility({ hiddenStatuses: ['documented'] });
    expect(v.edges.get(FUNDED)?.map((c) => c.id)).toEqual(['c-funded-2']);
  });

  it('a relationship type filter hides its claims', () => {
    const { v } = visibility({ hiddenTypes: ['ORGANIZED'] });
    expect(v.edges.has(foldKey('org-hub', 'ORGANIZED', 'event-rally'))).toBe(false);
    expect(v.hiddenNodes.get('event-rally')).toBe('isolated');
    expect(v.counts.types.get('ORGANIZED')).toEqual({ total: 1, shown: 0 });
  });

  it('a year range keeps the claims that overlap it, and undated ones only if asked', () => {
    const strict = visibility({ yearFrom: 2018, yearTo: 2020, keepUndated: false }).v;
    expect([...strict.edges.keys()]).toEqual([FUNDED]);
    expect(strict.edges.get(FUNDED)?.map((c) => c.id)).toEqual(['c-funded-1']);
    expect(sorted(strict.nodes)).toEqual(['org-front', 'org-hub']);
    const lenient = visibility({ yearFrom: 2018, yearTo: 2020, keepUndated: true }).v;
    expect(sorted(lenient.nodes)).toEqual(['org-front', 'org-hub', 'person-eve']);
    // 2015-2017 overlaps an open range ending in 2016.
    expect(visibility({ yearTo: 2016 }).v.edges.get(FUNDED)?.map((c) => c.id)).toEqual(['c-funded-2']);
  });

  it('a dataset filter hides what only that dataset contributed', () => {
    const other = visibility({ hiddenDatasets: ['other'] }).v;
    expect(other.hiddenNodes.get('event-rally')).toBe('dataset');
    expect(other.nodes.has('org-hub')).toBe(true);
    expect(other.counts.datasets.get('other')).toEqual({ total: 1, shown: 0 });
    const mini = visibility({ hiddenDatasets: ['mini'] }).v;
    expect(mini.nodes.size).toBe(0);
    expect(mini.hiddenNodes.get('org-hub')).toBe('dataset');
    expect(mini.hiddenNodes.get('event-rally')).toBe('isolated');
  });

  it('entities the user hid are hidden for that reason; showing sources draws their claims', () => {
    expect(visibility({}, (s) => s.setHidden(['person-eve'], true)).v.hiddenNodes.get('person-eve')).toBe('user');
    const withSources = visibility({ hiddenKinds: [] }).v;
    expect(withSources.nodes.has('src-filing')).toBe(true);
    expect(withSources.counts.claimsShown).toBe(6);
  });

  it('counts dated claims per year for the histogram (claims whose ends are drawn)', () => {
    expect(visibility().v.histogram).toEqual(new Map([[2019, 1], [2015, 1], [2021, 1]]));
  });
});

describe('filter predicates', () => {
  it('claimYears reads date, or start..end, and leaves undated claims undated', () => {
    expect(claimYears(CLAIMS[0]!)).toEqual({ from: 2019, to: 2019 });
    expect(claimYears(CLAIMS[1]!)).toEqual({ from: 2015, to: 2017 });
    expect(claimYears(CLAIMS[2]!)).toBeUndefined();
    expect(claimYears(claim('x', 'a', 'T', 'b', null, null, { start: '2010' }))).toEqual({ from: 2010, to: 2010 });
    expect(claimYears(claim('y', 'a', 'T', 'b', null, null, { start: '2012', end: '2008' }))).toEqual({ from: 2008, to: 2012 });
    expect(claimYears(claim('z', 'a', 'T', 'b', null, null, { date: 'spring' }))).toBeUndefined();
  });

  it('claimPasses combines type, status, dates and datasets', () => {
    const c = CLAIMS[0]!;
    expect(claimPasses(c, DEFAULT_FILTERS)).toBe(true);
    expect(claimPasses(c, { ...DEFAULT_FILTERS, hiddenTypes: ['FUNDED'] })).toBe(false);
    expect(claimPasses(c, { ...DEFAULT_FILTERS, hiddenStatuses: ['documented'] })).toBe(false);
    expect(claimPasses(c, { ...DEFAULT_FILTERS, yearFrom: 2020 })).toBe(false);
    expect(claimPasses(c, { ...DEFAULT_FILTERS, hiddenDatasets: ['mini'] })).toBe(false);
    expect(claimPasses(claim('n', 'a', 'T', 'b', null, null), { ...DEFAULT_FILTERS, hiddenStatuses: [''] })).toBe(false);
  });

  it('an item stays while any of its datasets is shown; one with none is never hidden by datasets', () => {
    const f = { ...DEFAULT_FILTERS, hiddenDatasets: ['a'] };
    expect(datasetHidden({ datasets: ['a'] }, f)).toBe(true);
    expect(datasetHidden({ datasets: ['a', 'b'] }, f)).toBe(false);
    expect(datasetHidden({}, f)).toBe(false);
  });

  it('weakerThan, toggle, filtersActive, dateActive', () => {
    expect(weakerThan('reported', ORDER)).toEqual(['assessment', 'alleged', 'disputed']);
    expect(weakerThan('disputed', ORDER)).toEqual([]);
    expect(weakerThan('unknown', ORDER)).toEqual([]);
    expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle(['a'], 'a', true)).toEqual(['a']);
    expect(filtersActive(DEFAULT_FILTERS)).toBe(false);
    expect(filtersActive({ ...DEFAULT_FILTERS, hiddenKinds: [] })).toBe(false);
    expect(filtersActive({ ...DEFAULT_FILTERS, hiddenKinds: ['source', 'event'] })).toBe(true);
    expect(filtersActive({ ...DEFAULT_FILTERS, yearTo: 2000 })).toBe(true);
    expect(dateActive({ ...DEFAULT_FILTERS, yearFrom: 1990 })).toBe(true);
  });

  it('claimDrawn asks the claim\'s own drawn edge', () => {
    const { store, v } = visibility({ hiddenStatuses: ['documented'] });
    expect(claimDrawn(store, v, 'c-funded-1')).toBe(false);
    expect(claimDrawn(store, v, 'c-funded-2')).toBe(true);
    expect(claimDrawn(store, v, 'not-on-the-canvas')).toBe(true);
  });
});

describe('expandParams', () => {
  const schema = {
    kinds: [{ kind: 'person' }, { kind: 'organization' }, { kind: 'source' }],
    vocabulary: [{ type: 'FUNDED' }, { type: 'PAID' }],
  } as unknown as SchemaInfo;

  it('asks for what the filters draw, and nothing more', () => {
    const f = { ...DEFAULT_FILTERS, hiddenStatuses: ['alleged', 'disputed'], hiddenTypes: ['PAID'] };
    expect(expandParams(f, schema, ORDER, { limit: 40 })).toEqual({
      limit: 40,
      kinds: ['person', 'organization'],
      status: ['documented', 'reported', 'assessment'],
      types: ['FUNDED'],
    });
  });

  it('sends no list when nothing is hidden, or when the schema is unknown', () => {
    expect(expandParams({ ...DEFAULT_FILTERS, hiddenKinds: [] }, schema, ORDER, { limit: 5 })).toEqual({ limit: 5, kinds: undefined, status: undefined, types: undefined });
    expect(expandParams({ ...DEFAULT_FILTERS, hiddenTypes: ['PAID'] }, null, ORDER, { limit: 5 })).toMatchObject({ kinds: undefined, types: undefined });
  });

  it('an explicit type list (a "Show" of one type) wins over the type filter', () => {
    expect(expandParams({ ...DEFAULT_FILTERS, hiddenTypes: ['PAID'] }, schema, ORDER, { types: ['PAID'], limit: 1000 }).types).toEqual(['PAID']);
  });
});
