/**
 * The API's built-in endpoints against the real Neo4j with the fixture:
 * health, schema, search, entity detail, neighbourhood, paths, OpenAPI, and
 * their 4xx answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver, importDataset, resetDatabase } from '../helpers/neo4j.ts';
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
    expect(b.datasets).toEqual([{ name: 'mini', title: 'Mini fixture network (fictional)', nodes: 23, claims: 31 }]);
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
    expect(funded).toEqual({ type: 'FUNDED', claims: 1, nodes: 1, amounts: [{ currency: 'USD', total: 120000 }] });
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
