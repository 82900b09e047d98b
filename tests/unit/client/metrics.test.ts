/** Sizes and community colours (client/src/graph/metrics.ts): the whole-graph metrics stored in Neo4j when every drawn entity has them, else computed over what is drawn. */
import { describe, expect, it } from 'vitest';
import { COMMUNITY_PALETTE, communityColors, hasStoredMetrics, metricValues } from '../../../client/src/graph/metrics.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { CLAIMS, NODES, node } from './fixtures.ts';

const METRICS = { 'org-hub': 0.4, 'org-front': 0.2, 'person-eve': 0.1, 'event-rally': 0.05, 'src-filing': 0.01 } as Record<string, number>;

function store(withStored: boolean, except?: string): GraphStore {
  const s = new GraphStore();
  const nodes = NODES.map((n) =>
    withStored && n.id !== except ? node(n.id, n.kind, { pagerank: METRICS[n.id], betweenness: METRICS[n.id]! * 10, degree: 3, community: n.kind === 'organization' ? 7 : 2 }) : n,
  );
  s.merge({ nodes, edges: CLAIMS });
  return s;
}
const all = (s: GraphStore) => new Set(s.graph.nodes());

describe('metricValues', () => {
  it('uses the stored whole-graph values when every drawn entity has them', () => {
    const s = store(true);
    const pr = metricValues(s.graph, all(s), s.graph.edges(), 'pagerank');
    expect(Object.fromEntries(pr)).toEqual(METRICS);
    expect(metricValues(s.graph, all(s), s.graph.edges(), 'betweenness').get('org-hub')).toBe(4);
  });

  it('computes over what is drawn when one entity lacks them (or none has them)', () => {
    for (const s of [store(false), store(true, 'person-eve')]) {
      const pr = metricValues(s.graph, all(s), s.graph.edges(), 'pagerank');
      const sum = [...pr.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 6); // graphology's PageRank over the drawn graph sums to 1
      expect(pr.get('org-hub')).not.toBe(0.4);
    }
  });
});

describe('communityColors', () => {
  it('colours by the stored communities, the largest first', () => {
    const s = store(true);
    const c = communityColors(s.graph, all(s), s.graph.edges());
    // Community 2 (three entities) is the largest: the first colour; 7 (two organizations) the second.
    expect(c.get('person-eve')).toBe(COMMUNITY_PALETTE[0]);
    expect(c.get('src-filing')).toBe(COMMUNITY_PALETTE[0]);
    expect(c.get('org-hub')).toBe(COMMUNITY_PALETTE[1]);
    expect(c.get('org-front')).toBe(COMMUNITY_PALETTE[1]);
  });

  it('without stored communities, finds them over what is drawn (Louvain), the same for the same view', () => {
    const s = store(false);
    const a = communityColors(s.graph, all(s), s.graph.edges());
    const b = communityColors(s.graph, all(s), s.graph.edges());
    expect([...a.keys()].sort()).toEqual([...all(s)].sort());
    expect(a).toEqual(b);
    for (const colour of a.values()) expect(COMMUNITY_PALETTE).toContain(colour);
  });
});

describe('hasStoredMetrics', () => {
  it('is true only when every drawn entity carries the whole-graph metrics', () => {
    expect(hasStoredMetrics(store(true).graph, all(store(true)))).toBe(true);
    expect(hasStoredMetrics(store(true, 'org-front').graph, all(store(true, 'org-front')))).toBe(false);
    expect(hasStoredMetrics(store(false).graph, all(store(false)))).toBe(false);
    // Only what is drawn counts: hiding the one entity without them makes the rest whole-graph.
    const s = store(true, 'org-front');
    expect(hasStoredMetrics(s.graph, new Set([...all(s)].filter((id) => id !== 'org-front')))).toBe(true);
    expect(hasStoredMetrics(s.graph, new Set())).toBe(false);
  });
});
