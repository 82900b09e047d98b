/**
 * Graph metrics in the database (server/import/derived/metrics.ts): Graph
 * Data Science in the local Neo4j computes PageRank, degree, betweenness and
 * Louvain communities and stores them on every entity; the admin route needs
 * the API token; ad-hoc Cypher reads them and still refuses gds.* calls; a
 * Neo4j without GDS says so and nothing is written.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics, gdsVersion, metricsState } from '../../server/import/derived/metrics.ts';
import { findFreePort, startLocalNeo4j } from '../../server/neo4j/launcher.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TOKEN = 'metrics-test-token';
let api: TestServer;

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  api = await startTestServer({ API_TOKEN: TOKEN });
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

describe('graph metrics with Graph Data Science', () => {
  it('the local Neo4j has GDS 2.13', async () => {
    expect(await gdsVersion(testDriver(), testNeo4j().database)).toMatch(/^2\.13\./);
  });

  it('stores pagerank, degree, betweenness and community on every entity', async () => {
    const m = await computeMetrics(testDriver(), { database: testNeo4j().database });
    const [{ entities }] = (await query<{ entities: number }>('MATCH (n:Entity) RETURN count(n) AS entities')) as [{ entities: number }];
    expect(m).toMatchObject({ available: true, entities, betweennessSamples: null });
    expect(m.communities).toBeGreaterThan(1);
    for (const step of ['pagerank', 'degree', 'betweenness', 'louvain']) {
      expect(m.steps.find((s) => s.step === step), step).toMatchObject({ computeMs: expect.any(Number), writeMs: expect.any(Number) });
    }
    const rows = await query<Any>(
      'MATCH (n:Entity) RETURN n.id AS id, n.pagerank AS pagerank, n.degree AS degree, n.betweenness AS betweenness, n.community AS community, COUNT { MATCH (n)--(m) WHERE m <> n RETURN DISTINCT m } AS neighbours',
    );
    for (const r of rows) {
      expect(r.pagerank, r.id).toBeGreaterThan(0);
      expect(r.degree, r.id).toBe(r.neighbours);
      expect(r.betweenness, r.id).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(r.community), r.id).toBe(true);
    }
    // The hub of the fixture is the most central entity of it.
    const top = await query<Any>('MATCH (n:Entity) RETURN n.id AS id ORDER BY n.betweenness DESC LIMIT 1');
    expect(top[0]!.id).toBe('org-hub');
    expect(await metricsState(testDriver(), testNeo4j().database)).toMatchObject({ entities, communities: m.communities, betweennessSamples: null });
    // No projection is left in memory.
    expect(await query('CALL gds.graph.list() YIELD graphName RETURN graphName')).toEqual([]);
  });

  it('the admin route needs the API token and answers the summary', async () => {
    expect((await api.post('/api/admin/metrics', {})).status).toBe(401);
    expect((await api.post('/api/admin/metrics', {}, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    const r = await api.post('/api/admin/metrics', {}, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ available: true, communities: expect.any(Number) });
    const open = await startTestServer();
    try {
      const refused = await open.post('/api/admin/metrics', {});
      expect(refused.status).toBe(401);
      expect((refused.body as Any).error.message).toContain('API_TOKEN');
    } finally {
      await open.close();
    }
  });

  it('ad-hoc Cypher reads the stored metrics as plain properties and still refuses gds.* procedures', async () => {
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const r = await api.post('/api/cypher', { query: 'MATCH (n:Organization) RETURN n.id AS id, n.pagerank AS pagerank ORDER BY n.pagerank DESC LIMIT 3' }, auth);
    expect(r.status).toBe(200);
    const { columns, rows } = r.body as { columns: string[]; rows: unknown[][] };
    expect(columns).toEqual(['id', 'pagerank']);
    expect(rows).toHaveLength(3);
    const ranks = rows.map((row) => row[1] as number);
    expect(ranks[0]).toBeGreaterThan(0);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    const gds = await api.post('/api/cypher', { query: 'CALL gds.graph.list() YIELD graphName RETURN graphName' }, auth);
    expect(gds.status).toBe(403);
  });
});

describe('a Neo4j without Graph Data Science', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimgraph-nogds-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says so and writes nothing', async () => {
    const before = process.env.NEO4J_GDS;
    process.env.NEO4J_GDS = '0';
    const neo = await startLocalNeo4j({ port: await findFreePort(), dataDir: dir });
    if (before === undefined) delete process.env.NEO4J_GDS;
    else process.env.NEO4J_GDS = before;
    const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
    try {
      await driver.executeQuery("CREATE (:Entity {id: 'a'})-[:FUNDED]->(:Entity {id: 'b'})");
      expect(await gdsVersion(driver)).toBeNull();
      const m = await computeMetrics(driver);
      expect(m).toMatchObject({ available: false, entities: 0 });
      const rows = await driver.executeQuery('MATCH (n:Entity) WHERE n.pagerank IS NOT NULL RETURN count(n) AS n');
      expect(Number(rows.records[0]!.get('n'))).toBe(0);
    } finally {
      await driver.close();
      await neo.stop();
    }
  }, 180_000);
});
