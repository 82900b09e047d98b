/**
 * A small canvas for the client's unit tests, shaped like tests/fixtures/mini:
 * two organizations funded twice (two sources: one drawn edge), a person
 * with an alleged claim only, an event from a second dataset, and a source
 * entity (hidden by default, as evidence).
 */
import type { GraphEdge, GraphNode } from '../../../client/src/api/types.ts';

export function node(id: string, kind: string, extra: Record<string, unknown> = {}): GraphNode {
  return { id, kind, labels: ['Entity'], name: id.replace(/-/g, ' '), properties: { datasets: ['mini'], ...extra } };
}

export function claim(id: string, source: string, type: string, target: string, status: string | null, sourceId: string | null, properties: Record<string, unknown> = {}): GraphEdge {
  return { id, type, source, target, status, sourceId, quote: `quote of ${id}`, properties: { datasets: ['mini'], ...properties } };
}

export const NODES: GraphNode[] = [
  node('org-hub', 'organization'),
  node('org-front', 'organization'),
  node('person-eve', 'person'),
  node('event-rally', 'event', { datasets: ['other'] }),
  node('src-filing', 'source'),
];

export const CLAIMS: GraphEdge[] = [
  claim('c-funded-1', 'org-front', 'FUNDED', 'org-hub', 'documented', 'src-filing', { date: '2019-03-01' }),
  claim('c-funded-2', 'org-front', 'FUNDED', 'org-hub', 'reported', 'src-gazette', { start: '2015', end: '2017' }),
  claim('c-allied', 'org-hub', 'ALLIED_WITH', 'org-front', 'disputed', null),
  claim('c-member', 'person-eve', 'MEMBER_OF', 'org-hub', 'alleged', 'src-post'),
  claim('c-rally', 'org-hub', 'ORGANIZED', 'event-rally', 'reported', 'src-gazette', { datasets: ['other'], date: '2021' }),
  claim('c-cites', 'src-filing', 'MENTIONS', 'org-front', 'documented', 'src-filing'),
];

export const DATA = { nodes: NODES, edges: CLAIMS };

/** A deterministic pseudo-random generator (mulberry32) for property-style tests: the same seed gives the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
