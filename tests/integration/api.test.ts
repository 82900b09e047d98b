/**
 * The API's built-in endpoints against the real Neo4j with the fixture:
 * health, schema, search, entity detail, neighbourhood (node and edge caps),
 * paths, OpenAPI, their 4xx answers to bad input, and behaviour under load:
 * the verdict cache of /api/cypher, cancellation of Neo4j work when the
 * client goes away, and 503 + Retry-After when the expensive routes are saturated.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { read } from '../../server/neo4j/read.ts';
import { checkQuery, VERDICT_CACHE_SIZE, verdictCache } from '../../server/reads/cypher/index.ts';
import { closeTestDriver, counts, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let api: TestServer;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

describe('health and schema', () => {
  it('reports Neo4j connected with its version', async () => {
    const r = await api.get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', neo4j: { connected: true, version: expect.stringMatching(/^5\.26\./) } });
  });

  it('sets security headers and no x-powered-by', async () => {
    const r = await api.get('/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-powered-by')).toBeNull();
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('describes labels, types, statuses, vocabulary and datasets', async () => {
    const r = await api.get('/api/schema');
    expect(r.status).toBe(200);
    const b = r.body as Any;
    expect(b.labels).toContainEqual({ label: 'Organization', count: 7 });
    expect(b.labels).toContainEqual({ label: 'Entity', count: 23 });
    expect(b.relationshipTypes).toContainEqual(expect.objectContaining({ type: 'PAID', count: 2 }));
    expect(b.relationshipTypes).toHaveLength(26);
    expect(b.statuses.map((s: Any) => s.status)).toEqual(['documented', 'reported', 'assessment', 'alleged', 'disputed']);
    expect(b.vocabulary.find((v: Any) => v.type === 'FUNDED')).toMatchObject({ financial: true });
    expect(b.propertyKeys).toEqual(expect.arrayContaining(['id', 'name', 'aliases', 'sourceId', 'status', 'quote']));
    expect(b.datasets).toEqual([{ name: 'mini', title: 'Mini fixture network (fictional)', nodes: 23, claims: 31, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 31 } }]);
  });
});

describe('graph overview', () => {
  it('returns the entities (sources left out) and the claims among them', async () => {
    const b = (await api.get('/api/graph')).body as Any;
    expect(b.nodes).toHaveLength(19);
    expect(b.nodes.some((n: Any) => n.kind === 'source')).toBe(false);
    expect(b.totalNodes).toBe(19);
    expect(b.truncated).toBe(false);
    // every claim whose two ends are entities (not sources)
    expect(b.edges).toHaveLength(28);
    expect(b.edges.find((e: Any) => e.id === 'c-funded')).toMatchObject({ source: 'org-front', target: 'org-arm', status: 'documented', sourceId: 'src-filing' });
  });

  it('takes the best-connected first under a limit, and filters', async () => {
    const b = (await api.get('/api/graph?limit=3')).body as Any;
    expect(b.nodes[0].id).toBe('org-hub');
    expect(b.nodes).toHaveLength(3);
    expect(b.truncated).toBe(true);
    const withSources = (await api.get('/api/graph?includeSources=true')).body as Any;
    expect(withSources.nodes).toHaveLength(23);
    expect(withSources.edges).toHaveLength(31);
    const alleged = (await api.get('/api/graph?status=alleged')).body as Any;
    expect(alleged.edges.every((e: Any) => e.status === 'alleged')).toBe(true);
    expect((await api.get('/api/graph?limit=0')).status).toBe(400);
  });
});

describe('search', () => {
  it('finds by alias, ignoring case', async () => {
    const r = await api.get('/api/search?q=nwm');
    expect((r.body as Any).hits[0]).toMatchObject({ id: 'org-hub', kind: 'organization', matched: 'NWM' });
  });

  it('ignores accents both ways', async () => {
    const r = await api.get('/api/search?q=societe');
    expect((r.body as Any).hits[0]).toMatchObject({ id: 'org-hub', matched: 'Société du Nord' });
    const r2 = await api.get(`/api/search?q=${encodeURIComponent('Nörthwind Mövement')}`);
    expect((r2.body as Any).hits[0].id).toBe('org-hub');
  });

  it('tolerates a small typo', async () => {
    const r = await api.get('/api/search?q=Nortwind%20Frends');
    expect((r.body as Any).hits[0].id).toBe('org-front');
  });

  it('matches prefixes while typing, filters by kind, limits', async () => {
    const r = await api.get('/api/search?q=quil&kinds=person&limit=5');
    const hits = (r.body as Any).hits as Any[];
    expect(hits.map((h) => h.id).sort()).toEqual(['person-founder', 'person-leader']);
    expect(hits.every((h) => h.kind === 'person')).toBe(true);
  });

  it('treats Lucene syntax as text', async () => {
    const r = await api.get(`/api/search?q=${encodeURIComponent('NWM) OR name:* AND "')}`);
    expect(r.status).toBe(200);
  });

  it('answers 400 naming the parameter', async () => {
    expect((await api.get('/api/search')).status).toBe(400);
    const r = await api.get('/api/search?q=x&kinds=planet');
    expect(r.status).toBe(400);
    expect((r.body as Any).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('kinds') });
    expect((await api.get('/api/search?q=x&limit=1000')).status).toBe(400);
  });
});

describe('entities', () => {
  it('returns an entity with every claim grouped by type, each with its source', async () => {
    const r = await api.get('/api/entities/person-speaker');
    expect(r.status).toBe(200);
    const b = r.body as Any;
    expect(b.entity).toMatchObject({ id: 'person-speaker', kind: 'person', labels: ['Entity', 'Person'], name: 'Carla Speaker' });
    expect(b.claimCount).toBe(4);
    const paid = b.claims.find((g: Any) => g.type === 'PAID');
    expect(paid.meaning).toMatch(/paid/);
    expect(paid.claims.map((c: Any) => c.id).sort()).toEqual(['c-paid-1', 'c-paid-2']);
    const c1 = paid.claims.find((c: Any) => c.id === 'c-paid-1');
    expect(c1).toMatchObject({
      direction: 'in',
      from: { id: 'org-front', name: 'Northwind Friends Association', kind: 'organization' },
      to: { id: 'person-speaker' },
      status: 'reported',
      quote: 'Speaker was paid 50,000 dollars for a speech.',
      source: { id: 'src-news', title: 'Inside the Northwind Movement', publisher: 'Example Gazette', date: '2020-03', url: 'https://gazette.example.com/northwind', kind: 'news-article', authors: [] },
      properties: { amount: 50000, currency: 'USD' },
    });
  });

  it('answers 404 for an unknown id', async () => {
    const r = await api.get('/api/entities/nobody');
    expect(r.status).toBe(404);
    expect((r.body as Any).error.code).toBe('NOT_FOUND');
  });
});

describe('neighbourhood', () => {
  it('returns the subgraph at depth 1', async () => {
    const r = await api.get('/api/entities/org-arm/neighborhood');
    expect(r.status).toBe(200);
    const b = r.body as Any;
    expect(b.nodes.map((n: Any) => n.id).sort()).toEqual(['org-arm', 'org-front', 'org-hub', 'person-speaker']);
    expect(b.edges.map((e: Any) => e.id).sort()).toEqual(['c-arm', 'c-front', 'c-funded', 'c-paid-1', 'c-paid-2', 'c-represents']);
    expect(b.truncated).toBe(false);
    const e = b.edges.find((x: Any) => x.id === 'c-funded');
    expect(e).toMatchObject({ type: 'FUNDED', source: 'org-front', target: 'org-arm', status: 'documented', sourceId: 'src-filing', quote: 'Grants to the Council: 120,000.' });
  });

  it('filters by status, type, kind and date', async () => {
    const strong = (await api.get('/api/entities/org-hub/neighborhood?status=documented,reported')).body as Any;
    expect(strong.edges.every((e: Any) => ['documented', 'reported'].includes(e.status))).toBe(true);
    expect(strong.edges.length).toBeGreaterThan(3);
    const types = (await api.get('/api/entities/org-hub/neighborhood?types=LEADS')).body as Any;
    expect(types.nodes.map((n: Any) => n.id).sort()).toEqual(['org-hub', 'person-founder', 'person-leader']);
    const kinds = (await api.get('/api/entities/org-hub/neighborhood?kinds=place')).body as Any;
    expect(kinds.nodes.map((n: Any) => n.id).sort()).toEqual(['org-hub', 'place-camp']);
    const dated = (await api.get('/api/entities/org-hub/neighborhood?from=1985&to=1990')).body as Any;
    expect(dated.edges.map((e: Any) => e.id).sort()).toEqual(['c-allied', 'c-leads-old', 'c-opposed', 'c-targeted']); // spans overlapping 1985-1990
  });

  it('caps nodes and summarizes what it left out, with summed amounts', async () => {
    const b = (await api.get('/api/entities/org-front/neighborhood?limit=2')).body as Any;
    expect(b.nodes).toHaveLength(2);
    expect(b.truncated).toBe(true);
    // org-front's strongest tie (two PAID claims) is the speaker, kept first.
    expect(b.nodes.map((n: Any) => n.id).sort()).toEqual(['org-front', 'person-speaker']);
    const funded = b.leftOut.find((l: Any) => l.type === 'FUNDED');
    expect(funded).toEqual({ type: 'FUNDED', claims: 1, nodes: 1, amounts: [{ currency: 'USD', total: 120000 }], exact: true });
    expect(b.leftOut.map((l: Any) => l.type).sort()).toEqual(['ASSOCIATED_WITH', 'FUNDED', 'PART_OF']);
  });

  it('goes deeper with depth 2 and 3', async () => {
    const d1 = (await api.get('/api/entities/place-capital/neighborhood?depth=1')).body as Any;
    const d2 = (await api.get('/api/entities/place-capital/neighborhood?depth=2')).body as Any;
    const d3 = (await api.get('/api/entities/place-capital/neighborhood?depth=3')).body as Any;
    expect(d1.nodes.map((n: Any) => n.id).sort()).toEqual(['event-summit', 'place-capital']);
    expect(d2.nodes.map((n: Any) => n.id).sort()).toEqual(['event-summit', 'person-speaker', 'place-capital']);
    expect(d3.nodes.length).toBeGreaterThan(d2.nodes.length);
  });

  it('answers 400 for a bad depth or filter and 404 for an unknown id', async () => {
    for (const q of ['depth=0', 'depth=4', 'depth=x', 'status=rumour', 'types=KNOWS', 'from=last-year', 'limit=0']) {
      const r = await api.get(`/api/entities/org-hub/neighborhood?${q}`);
      expect(r.status, q).toBe(400);
      expect((r.body as Any).error.message.length, q).toBeGreaterThan(5);
    }
    expect((await api.get('/api/entities/nobody/neighborhood')).status).toBe(404);
  });
});

/**
 * What the node cap left out, counted in full (the default budget, far above
 * the fixture) against the same requests on a server whose budget is 0, so
 * that every unexpanded frontier takes the supernode path: claims per type
 * from the degree counts (without status, date or kind filters) or from a
 * count without distinct nodes (with them). Claims must be the same; nodes
 * and amounts may only be lower, and are flagged `exact: false`.
 */
describe('neighbourhood left-out summary past the exact budget', () => {
  let cheap: TestServer;
  beforeAll(async () => {
    cheap = await startTestServer({ LEFT_OUT_EXACT_CLAIMS: '0' });
  });
  afterAll(async () => {
    await cheap?.close();
  });

  const byType = (rows: Any[]) => new Map(rows.map((r) => [r.type as string, r]));

  const compare = async (q: string) => {
    const exact = (await api.get(`/api/entities/org-hub/neighborhood?${q}`)).body as Any;
    const bounded = (await cheap.get(`/api/entities/org-hub/neighborhood?${q}`)).body as Any;
    expect(exact.leftOut.length, q).toBeGreaterThan(0);
    expect(exact.leftOut.every((r: Any) => r.exact === true), q).toBe(true);
    // The same answer otherwise.
    expect(bounded.nodes.map((n: Any) => n.id).sort(), q).toEqual(exact.nodes.map((n: Any) => n.id).sort());
    expect(bounded.edges.map((e: Any) => e.id).sort(), q).toEqual(exact.edges.map((e: Any) => e.id).sort());
    expect(bounded.edgesLeftOut, q).toEqual(exact.edgesLeftOut);
    expect(bounded.truncated, q).toBe(true);
    // Claims per type exact, nodes and amounts lower bounds, flagged.
    expect(bounded.leftOut.map((r: Any) => [r.type, r.claims]), q).toEqual(exact.leftOut.map((r: Any) => [r.type, r.claims]));
    const ex = byType(exact.leftOut);
    for (const r of bounded.leftOut as Any[]) {
      const e = ex.get(r.type)!;
      expect(r.exact, `${q} ${r.type}`).toBe(false);
      expect(r.nodes, `${q} ${r.type}`).toBeGreaterThanOrEqual(1);
      expect(r.nodes, `${q} ${r.type}`).toBeLessThanOrEqual(e.nodes);
      for (const a of r.amounts as Any[]) {
        expect(a.total, `${q} ${r.type} ${a.currency}`).toBeLessThanOrEqual(e.amounts.find((x: Any) => x.currency === a.currency)?.total ?? 0);
      }
    }
    return { exact, bounded };
  };

  it('counts claims exactly from the degree counts when a frontier is left unexpanded (no filters)', async () => {
    // Depth 2 under a small cap: the first hop cuts, the second frontier stays unexpanded.
    const total = (rows: Any[]) => rows.reduce((a, r) => a + r.claims, 0);
    const beyondHub: number[] = [];
    for (const limit of [2, 3, 4, 5, 6]) {
      const { exact } = await compare(`depth=2&limit=${limit}`);
      const hubOnly = (await api.get(`/api/entities/org-hub/neighborhood?depth=1&limit=${limit}`)).body as Any;
      beyondHub.push(total(exact.leftOut) - total(hubOnly.leftOut));
    }
    // The second frontier's claims beyond the answer are in the summary too, not only the hub's.
    expect(Math.max(...beyondHub)).toBeGreaterThan(0);
    // A cap of 1: nothing expanded by a hop, everything from the degree counts.
    await compare('depth=1&limit=1');
    // With a relationship type filter (still degree counts, of those types only).
    const typed = await compare('depth=2&limit=3&types=LEADS,FUNDED,PAID,MEMBER_OF,PART_OF');
    expect(typed.bounded.leftOut.every((r: Any) => ['LEADS', 'FUNDED', 'PAID', 'MEMBER_OF', 'PART_OF'].includes(r.type))).toBe(true);
  });

  it('subtracts the claims among the shown nodes also when the edge cap ranks them', async () => {
    const { exact } = await compare('depth=2&limit=4&edgeLimit=1');
    expect(exact.edges).toHaveLength(1);
    expect(exact.edgesLeftOut.length).toBeGreaterThan(0);
  });

  it('with status, date or kind filters counts the claims over every claim, nodes as lower bounds', async () => {
    await compare('depth=2&limit=3&status=documented,reported');
    await compare('depth=2&limit=3&kinds=person,organization');
    await compare('depth=2&limit=3&from=1980');
  });
});

describe('paths', () => {
  it('finds all shortest paths', async () => {
    const r = await api.get('/api/paths?from=org-lobby&to=person-leader');
    expect(r.status).toBe(200);
    const b = r.body as Any;
    expect(b.paths.length).toBeGreaterThan(0);
    for (const p of b.paths) {
      expect(p.nodes[0]).toBe('org-lobby');
      expect(p.nodes.at(-1)).toBe('person-leader');
      expect(p.nodes).toHaveLength(3);
    }
    expect(b.paths.map((p: Any) => p.edges.join(' ')).sort()).toEqual(['c-lobbied c-leads', 'c-supported c-leads']);
    expect(b.edges.map((e: Any) => e.id).sort()).toEqual(['c-leads', 'c-lobbied', 'c-supported']);
  });

  it('uses only claims of a minimum strength when asked', async () => {
    const all = (await api.get('/api/paths?from=person-xss&to=org-front')).body as Any;
    expect(all.paths).toHaveLength(1);
    const strong = (await api.get('/api/paths?from=person-xss&to=org-front&status=reported')).body as Any;
    expect(strong.paths).toHaveLength(0);
    const sp = (await api.get('/api/paths?from=person-speaker&to=org-arm&status=reported')).body as Any;
    expect(sp.paths.map((p: Any) => p.edges.join(' '))).toEqual(['c-paid-1 c-funded']);
  });

  it('answers 400 and 404', async () => {
    expect((await api.get('/api/paths?from=org-hub')).status).toBe(400);
    expect((await api.get('/api/paths?from=org-hub&to=org-hub')).status).toBe(400);
    expect((await api.get('/api/paths?from=org-hub&to=org-arm&maxHops=99')).status).toBe(400);
    expect((await api.get('/api/paths?from=org-hub&to=nobody')).status).toBe(404);
  });
});

describe('openapi and errors', () => {
  it('serves an OpenAPI document generated from the schemas, and a reference page', async () => {
    const r = await api.get('/api/openapi.json');
    const doc = r.body as Any;
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/health', '/api/schema', '/api/search', '/api/entities/{id}', '/api/entities/{id}/neighborhood', '/api/paths', '/api/cypher', '/api/export']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.components.schemas.GraphEdge.properties).toHaveProperty('quote');
    const page = await api.get('/api/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/entities/{id}/neighborhood');
  });

  it('answers 404 for an unknown endpoint, 400 for bad JSON, 413 for an oversized body', async () => {
    const r = await api.get('/api/nothing');
    expect(r.status).toBe(404);
    expect((r.body as Any).error.code).toBe('NOT_FOUND');
    const bad = await api.post('/api/cypher', '{"query": ');
    expect(bad.status).toBe(400);
    const big = await api.post('/api/cypher', { query: 'RETURN 1', params: { x: 'a'.repeat(300_000) } });
    expect(big.status).toBe(413);
    expect((big.body as Any).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('requires the bearer token on cypher and export when API_TOKEN is set', async () => {
    const guarded = await startTestServer({ API_TOKEN: 'secret-token-123' });
    try {
      expect((await guarded.post('/api/cypher', { query: 'RETURN 1' })).status).toBe(401);
      const ok = await guarded.post('/api/cypher', { query: 'RETURN 1 AS one' }, { headers: { authorization: 'Bearer secret-token-123' } });
      expect(ok.status).toBe(200);
      expect((await guarded.get('/api/search?q=nwm')).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('rate-limits cypher', async () => {
    const limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.post('/api/cypher', { query: 'RETURN 1' })).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

// ---- the edge cap ---------------------------------------------------------------

/**
 * A small dense neighbourhood where the edge cap cuts. Claims (id, type, status):
 *   c->n1 MEMBER_OF  d-01 documented, d-02 alleged, d-03 alleged
 *   c->n2 FUNDED     d-04 reported, d-05 disputed
 *   n1->n2 ALLIED_WITH d-06 assessment
 *   c->n3 SUPPORTED  d-07 alleged
 *   n2->n3 ALLIED_WITH d-08 documented, d-09 documented
 * Five connected pairs and types; their strongest claims are d-01, d-04, d-06, d-07, d-08.
 */
const DENSE = `
CREATE (c:Entity:Organization {id: 'dense-c', kind: 'organization', name: 'Dense centre'})
CREATE (n1:Entity:Person {id: 'dense-n1', kind: 'person', name: 'Dense one'})
CREATE (n2:Entity:Organization {id: 'dense-n2', kind: 'organization', name: 'Dense two'})
CREATE (n3:Entity:Organization {id: 'dense-n3', kind: 'organization', name: 'Dense three'})
CREATE (n1)-[:MEMBER_OF {id: 'd-01', status: 'documented'}]->(c)
CREATE (n1)-[:MEMBER_OF {id: 'd-02', status: 'alleged'}]->(c)
CREATE (n1)-[:MEMBER_OF {id: 'd-03', status: 'alleged'}]->(c)
CREATE (c)-[:FUNDED {id: 'd-04', status: 'reported', amount: 10, currency: 'USD'}]->(n2)
CREATE (c)-[:FUNDED {id: 'd-05', status: 'disputed', amount: 20, currency: 'USD'}]->(n2)
CREATE (n2)-[:ALLIED_WITH {id: 'd-06', status: 'assessment'}]->(n1)
CREATE (c)-[:SUPPORTED {id: 'd-07', status: 'alleged'}]->(n3)
CREATE (n2)-[:ALLIED_WITH {id: 'd-08', status: 'documented'}]->(n3)
CREATE (n2)-[:ALLIED_WITH {id: 'd-09', status: 'documented'}]->(n3)`;

describe('neighbourhood edge cap', () => {
  beforeAll(async () => {
    await testDriver().executeQuery(DENSE, {}, { database: testNeo4j().database });
  });
  afterAll(async () => {
    await testDriver().executeQuery("MATCH (n:Entity) WHERE n.id STARTS WITH 'dense-' DETACH DELETE n", {}, { database: testNeo4j().database });
  });

  const ids = (b: Any) => b.edges.map((e: Any) => e.id).sort();

  it('returns every claim when they fit, with nothing left out', async () => {
    const b = (await api.get('/api/entities/dense-c/neighborhood')).body as Any;
    expect(ids(b)).toEqual(['d-01', 'd-02', 'd-03', 'd-04', 'd-05', 'd-06', 'd-07', 'd-08', 'd-09']);
    expect(b.truncated).toBe(false);
    expect(b.edgesLeftOut).toEqual([]);
    const exact = (await api.get('/api/entities/dense-c/neighborhood?edgeLimit=9')).body as Any;
    expect(ids(exact)).toHaveLength(9);
    expect(exact.edgesLeftOut).toEqual([]);
  });

  it('keeps the strongest claim of the strongest pairs first and counts the rest per type', async () => {
    const b = (await api.get('/api/entities/dense-c/neighborhood?edgeLimit=3')).body as Any;
    // Pairs ranked by their strongest claim: d-01, d-08 (documented), d-04 (reported), then d-06, d-07.
    expect(ids(b)).toEqual(['d-01', 'd-04', 'd-08']);
    expect(b.nodes.map((n: Any) => n.id).sort()).toEqual(['dense-c', 'dense-n1', 'dense-n2', 'dense-n3']);
    expect(b.truncated).toBe(true);
    expect(b.leftOut).toEqual([]);
    expect(b.edgesLeftOut).toEqual([
      { type: 'ALLIED_WITH', claims: 2 },
      { type: 'MEMBER_OF', claims: 2 },
      { type: 'FUNDED', claims: 1 },
      { type: 'SUPPORTED', claims: 1 },
    ]);
  });

  it('keeps one claim per connected pair and type, then the strongest others', async () => {
    const b = (await api.get('/api/entities/dense-c/neighborhood?edgeLimit=7')).body as Any;
    // The five pairs' claims, then d-09 (documented) and d-02 (alleged, lower id than d-03).
    expect(ids(b)).toEqual(['d-01', 'd-02', 'd-04', 'd-06', 'd-07', 'd-08', 'd-09']);
    expect(b.edgesLeftOut).toEqual([
      { type: 'FUNDED', claims: 1 },
      { type: 'MEMBER_OF', claims: 1 },
    ]);
  });

  it('applies the filters before the cap', async () => {
    const b = (await api.get('/api/entities/dense-c/neighborhood?edgeLimit=1&status=alleged')).body as Any;
    // Alleged only: pairs (n1,c MEMBER_OF) with d-02/d-03 and (c,n3 SUPPORTED) with d-07.
    expect(ids(b)).toEqual(['d-02']);
    expect(b.edgesLeftOut).toEqual([
      { type: 'MEMBER_OF', claims: 1 },
      { type: 'SUPPORTED', claims: 1 },
    ]);
  });

  it('answers 400 for a bad edge limit, naming it', async () => {
    for (const q of ['edgeLimit=0', 'edgeLimit=-3', 'edgeLimit=1.5', 'edgeLimit=lots', 'edgeLimit=20001']) {
      const r = await api.get(`/api/entities/dense-c/neighborhood?${q}`);
      expect(r.status, q).toBe(400);
      expect((r.body as Any).error.code, q).toBe('BAD_REQUEST');
      expect((r.body as Any).error.message, q).toContain('edgeLimit');
    }
  });
});

// ---- /api/cypher's verdict cache -----------------------------------------------------

describe('verdict cache of /api/cypher', () => {
  it('reuses a passing verdict for the same text, whatever the parameters', async () => {
    const text = 'MATCH (n:Entity {id: $id}) RETURN n.name AS name /* verdict-cache-1 */';
    verdictCache.clear();
    const first = await api.post('/api/cypher', { query: text, params: { id: 'org-hub' } });
    expect(first.status).toBe(200);
    expect(verdictCache.size()).toBe(1);
    const second = await api.post('/api/cypher', { query: text, params: { id: 'org-arm' } });
    expect(second.status).toBe(200);
    expect((second.body as Any).summary.queryType).toBe((first.body as Any).summary.queryType);
    expect((second.body as Any).rows).not.toEqual((first.body as Any).rows);
    expect(verdictCache.size()).toBe(1);
  });

  it('does not let a write through after a cached read of a different text', async () => {
    const read = 'MATCH (n:Entity) RETURN count(n) AS c';
    expect((await api.post('/api/cypher', { query: read })).status).toBe(200);
    const before = await counts();
    for (const write of [
      'MATCH (n:Entity) WITH count(n) AS c CREATE (:Tmp {c: c}) RETURN c',
      'MATCH (n:Entity) RETURN count(n) AS c UNION MATCH (n:Entity) DETACH DELETE n RETURN 0 AS c',
      read + ' ',
    ]) {
      const r = await api.post('/api/cypher', { query: write });
      if (write === read + ' ') {
        expect(r.status).toBe(200); // a different text: checked again, and it is a read
        continue;
      }
      expect(r.status, write).toBe(403);
      expect((r.body as Any).error.code).toBe('QUERY_REFUSED');
    }
    expect(await counts()).toEqual(before);
  });

  it('is bounded, and keyed by database as well as text', async () => {
    const d: Deps = { driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') };
    const text = 'RETURN 1 AS one /* verdict-cache-2 */';
    expect((await api.post('/api/cypher', { query: text })).status).toBe(200);
    expect(verdictCache.has(d, text)).toBe(true);
    expect(verdictCache.has({ ...d, database: 'another' }, text)).toBe(false);
    expect(verdictCache.has(d, text + ' ')).toBe(false);
    // Through checkQuery (what /api/cypher calls), not HTTP: the route's rate limit would stop 500 requests.
    for (let i = 0; i < VERDICT_CACHE_SIZE + 5; i++) expect(await checkQuery(d, `RETURN ${i} AS i`)).toEqual({ queryType: 'r' });
    expect(verdictCache.size()).toBe(VERDICT_CACHE_SIZE);
    expect(verdictCache.has(d, text)).toBe(false); // least recently used, evicted
  });
});

// ---- under load: cancellation and saturation ---------------------------------------

/** A read that runs until stopped (or the 60 s timeout): a billion rows counted. */
const SLOW = (marker: string) => `UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS ${marker}`;

async function runningWith(marker: string): Promise<number> {
  const rows = await query<{ currentQuery: string }>('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
  return rows.filter((r) => r.currentQuery.includes(marker) && !r.currentQuery.includes('SHOW TRANSACTIONS')).length;
}

/** Polls `check` until it holds, at most `tries` times 100 ms apart; returns whether it held. */
async function eventually(check: () => Promise<boolean>, tries = 200): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('under load', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = createApp({
      driver: testDriver(),
      database: testNeo4j().database,
      config: testConfig({ QUERY_TIMEOUT_MS: '60000', RATE_LIMIT_PER_MINUTE: '100000' }),
      log: createLogger('silent'),
      limits: { concurrency: 1, queue: 0, retryAfterSeconds: 3 },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 503 with Retry-After when the expensive routes are saturated, and cancels the Neo4j work of a client that left', async () => {
    const marker = 'slow_marker_' + Date.now();
    const abort = new AbortController();
    const slow = fetch(`${url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SLOW(marker) }),
      signal: abort.signal,
    }).catch((e: unknown) => e);
    // The slow query holds the only slot once it runs in Neo4j.
    expect(await eventually(async () => (await runningWith(marker)) === 1)).toBe(true);

    const busy = await fetch(`${url}/api/entities/org-hub/neighborhood`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('3');
    const body = (await busy.json()) as Any;
    expect(body.error).toMatchObject({ code: 'SERVER_BUSY', retriable: true });
    expect(body.error.message).toMatch(/busy/);
    // Cheap routes are not limited.
    expect((await fetch(`${url}/api/search?q=hub`)).status).toBe(200);

    // The client goes away: its transaction is stopped in Neo4j (not left to run for 60 s)...
    abort.abort();
    expect(await slow).toBeInstanceOf(Error);
    expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
    // ...and its slot is free again.
    expect(await eventually(async () => (await fetch(`${url}/api/entities/org-hub/neighborhood`)).status === 200)).toBe(true);
  });

  it('stops a built-in read in Neo4j when its request is aborted (server/neo4j/read.ts)', async () => {
    const marker = 'slow_marker_b_' + Date.now();
    const abort = new AbortController();
    const d: Deps = { driver: testDriver(), database: testNeo4j().database, config: testConfig({ QUERY_TIMEOUT_MS: '60000' }), log: createLogger('silent'), signal: abort.signal };
    const pending = read(d, SLOW(marker)).catch((e: unknown) => e);
    expect(await eventually(async () => (await runningWith(marker)) === 1)).toBe(true);
    abort.abort();
    expect(await pending).toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
  });
});
