/** The compact claim table of the canvas: what it keeps, what it gives back, and the filters reading it. */
import { describe, expect, it } from 'vitest';
import { claimPasses } from '../../../client/src/filters/predicates.ts';
import { DEFAULT_FILTERS } from '../../../client/src/filters/types.ts';
import { ClaimTable } from '../../../client/src/graph/claims.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { CLAIMS, DATA, claim } from './fixtures.ts';

describe('ClaimTable', () => {
  it('gives every claim back exactly as the API sent it', () => {
    const t = new ClaimTable();
    const withAll = claim('c-x', 'a', 'PAID', 'b', 'reported', 'src', { amount: 5, currency: 'USD', start: '2001', end: '2003', nested: { k: [1, 'two', null] } });
    for (const c of [...CLAIMS, withAll, { ...withAll, id: 'c-null', status: null, sourceId: null, quote: null }]) {
      expect(ClaimTable.full(t.add(c))).toEqual(c);
    }
  });

  it('shares the strings and dataset lists of different claims, and works out years once', () => {
    const t = new ClaimTable();
    const a = t.add(JSON.parse(JSON.stringify(claim('c-a', 'org-x', 'FUNDED', 'org-y', 'reported', 'src-1', { date: '2019-03-01' }))));
    const b = t.add(JSON.parse(JSON.stringify(claim('c-b', 'org-x', 'FUNDED', 'org-z', 'reported', 'src-1', { start: '2015', end: '2017' }))));
    expect(a.datasets).toBe(b.datasets);
    expect(a.datasets).toEqual(['mini']);
    expect(a.years).toEqual({ from: 2019, to: 2019 });
    expect(b.years).toEqual({ from: 2015, to: 2017 });
    expect(t.add(claim('c-u', 'a', 'T', 'b', null, null)).years).toBeNull();
    expect(t.size).toBe(3);
  });

  it('passes the filters exactly as the claims it was made from', () => {
    const t = new ClaimTable();
    const filters = [
      DEFAULT_FILTERS,
      { ...DEFAULT_FILTERS, hiddenTypes: ['FUNDED'] },
      { ...DEFAULT_FILTERS, hiddenStatuses: ['alleged', 'disputed'] },
      { ...DEFAULT_FILTERS, hiddenDatasets: ['other'] },
      { ...DEFAULT_FILTERS, yearFrom: 2016, yearTo: 2020, keepUndated: false },
      { ...DEFAULT_FILTERS, yearFrom: 2018, yearTo: null, keepUndated: true },
    ];
    for (const c of CLAIMS) {
      const ref = t.add(c);
      for (const f of filters) expect(claimPasses(ref, f)).toBe(claimPasses(c, f));
    }
  });

  it('keeps the store answering with whole claims for the panel and through snapshots', () => {
    const store = new GraphStore();
    store.merge(DATA);
    const edge = store.graph.edges().find((e) => store.graph.getEdgeAttribute(e, 'claims').length > 1)!;
    const whole = store.edgeClaims(edge);
    expect(whole.map((c) => c.id).sort()).toEqual(['c-funded-1', 'c-funded-2']);
    expect(whole).toEqual(CLAIMS.filter((c) => whole.some((w) => w.id === c.id)));
    const snap = store.snapshot();
    store.clear();
    store.restore(snap);
    expect(store.edgeClaims(edge)).toEqual(whole);
  });
});
