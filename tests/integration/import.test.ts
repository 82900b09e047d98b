/**
 * The importer against the real Neo4j: counts, idempotence, atomicity when a
 * write fails mid-way, the schema, and the NEO4J_URI connection path.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../server/neo4j/connection.ts';
import { importDataset as runImport } from '../../server/import/index.ts';
import { closeTestDriver, counts, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const FIXTURE = 'tests/fixtures/mini';

beforeEach(resetDatabase);
afterAll(closeTestDriver);

async function snapshot() {
  const c = await counts();
  const ids = await query<{ ids: string[] }>('MATCH (n) WITH n ORDER BY n.id RETURN collect(n.id) AS ids');
  const claims = await query<{ ids: string[] }>('MATCH ()-[r]->() WITH r ORDER BY r.id RETURN collect(r.id) AS ids');
  return { ...c, ids: ids[0]!.ids, claims: claims[0]!.ids };
}

describe('import', () => {
  it('writes every entity, source and claim of the fixture', async () => {
    const s = await importDataset(FIXTURE);
    expect(s.counts).toMatchObject({ entities: 19, sources: 4, claims: 31 });
    expect(s.nodesCreated).toBe(23); // entities and sources (the :Dataset bookkeeping node is not counted)
    expect(s.relationshipsCreated).toBe(31);
    const [row] = await query<{ kinds: string[]; types: number; statuses: string[] }>(
      `MATCH (n:Entity) WITH collect(DISTINCT n.kind) AS kinds
       MATCH ()-[r]->() RETURN kinds, count(DISTINCT type(r)) AS types, collect(DISTINCT r.status) AS statuses`,
    );
    expect(row!.kinds.sort()).toEqual(['concept', 'event', 'organization', 'person', 'place', 'source']);
    expect(row!.types).toBe(26);
    expect(row!.statuses.sort()).toEqual(['alleged', 'assessment', 'disputed', 'documented', 'reported']);
  });

  it('stores the properties the rest of the system relies on', async () => {
    await importDataset(FIXTURE);
    const [hub] = await query<{ n: { labels: string[]; properties: Record<string, unknown> } }>('MATCH (n:Entity {id: "org-hub"}) RETURN n');
    expect(hub!.n.labels.sort()).toEqual(['Entity', 'Organization']);
    expect(hub!.n.properties).toMatchObject({ id: 'org-hub', kind: 'organization', name: 'Northwind Movement', aliases: ['NWM', 'Mouvement du Vent du Nord', 'Société du Nord'], datasets: ['mini'], founded: '1970-05' });
    const [paid] = await query<{ r: Record<string, unknown> }>('MATCH ()-[r:PAID {id: "c-paid-1"}]->() RETURN properties(r) AS r');
    expect(paid!.r).toMatchObject({ id: 'c-paid-1', sourceId: 'src-news', status: 'reported', amount: 50000, currency: 'USD', date: '2018-06', dateMin: '2018-06-01', dateMax: '2018-06-30' });
    const [speaker] = await query<{ p: Record<string, unknown> }>('MATCH (n {id: "person-speaker"}) RETURN properties(n) AS p');
    expect(speaker!.p).toMatchObject({ party: 'Blue Party', tags: ['speaker', 'politician'] });
    const [src] = await query<{ labels: string[]; p: Record<string, unknown> }>('MATCH (n {id: "src-report"}) RETURN labels(n) AS labels, properties(n) AS p');
    expect(src!.labels.sort()).toEqual(['Entity', 'Source']);
    expect(src!.p).toMatchObject({ kind: 'source', sourceKind: 'report', authors: ['Dmitri Writer'], url: 'https://example.org/reports/northwind' });
  });

  it('is idempotent: a second run creates nothing and changes no counts', async () => {
    await importDataset(FIXTURE);
    const before = await snapshot();
    const second = await importDataset(FIXTURE);
    expect(second.nodesCreated).toBe(0);
    expect(second.relationshipsCreated).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the database as it was when a write fails mid-way', async () => {
    // A constraint the dataset violates only when written (validation cannot
    // know it): the concept batch fails after earlier batches already ran.
    const d = testDriver();
    await importDataset(FIXTURE);
    const before = await snapshot();
    await d.executeQuery('CREATE CONSTRAINT test_concept_name IF NOT EXISTS FOR (n:Concept) REQUIRE n.name IS UNIQUE');
    try {
      await d.executeQuery('MATCH (n:Entity {id: "concept-practice"}) SET n.name = "renamed"');
      await d.executeQuery('CREATE (:Entity:Concept {id: "squatter", name: "Enforced silence"})');
      const mid = await snapshot();
      await expect(runImport(d, FIXTURE, { batchSize: 2 })).rejects.toThrow(/already exists|constraint/i);
      expect(await snapshot()).toEqual(mid);
      const [n] = await query<{ name: string }>('MATCH (n {id: "concept-practice"}) RETURN n.name AS name');
      expect(n!.name).toBe('renamed');
    } finally {
      await d.executeQuery('DROP CONSTRAINT test_concept_name IF EXISTS');
    }
    expect(before.nodes).toBe(24);
  });

  it('writes nothing when it fails just before commit', async () => {
    const before = await snapshot();
    await expect(
      runImport(testDriver(), FIXTURE, {
        beforeCommit: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await snapshot()).toEqual(before);
    expect(before.nodes).toBe(0);
  });

  it('imports nothing from a dataset that fails validation', async () => {
    const r = spawnSync('npx', ['tsx', 'server/import/cli.ts', 'tests/fixtures/broken'], {
      env: { ...process.env, NEO4J_URI: testNeo4j().uri, NEO4J_USER: testNeo4j().user, NEO4J_PASSWORD: testNeo4j().password },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported/);
    // Every planted error, each with file, record (line) and field.
    expect(r.stderr).toMatch(/claims\.yaml:\d+ claims\[\d+\] "c-founded" field "to": "org-nowhere"/);
    expect(r.stderr).toMatch(/claims\.yaml:\d+ claims\[\d+\] "c-leads" field "status"/);
    expect(r.stderr).toMatch(/claims\.yaml:\d+ claims\[\d+\] "c-leads" field "id": duplicate id/);
    expect(r.stderr).toMatch(/entities\.yaml:\d+ entities\[\d+\] "event-summit" field "date"/);
    expect(r.stderr).toMatch(/claims\.yaml:\d+ claims\[\d+\] "c-cites" field "sourceId": required/);
    expect((await counts()).nodes).toBe(0);
  });

  it('the CLI imports, then reports the same counts on a second run', async () => {
    const env = { ...process.env, NEO4J_URI: testNeo4j().uri, NEO4J_USER: testNeo4j().user, NEO4J_PASSWORD: testNeo4j().password };
    const first = spawnSync('npx', ['tsx', 'server/import/cli.ts', FIXTURE], { env, encoding: 'utf8' });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/entities: 19 .*\n\s+sources:\s+4\n\s+claims:\s+31/);
    expect(first.stdout).toMatch(/23 nodes created, 31 relationships created/);
    const second = spawnSync('npx', ['tsx', 'server/import/cli.ts', FIXTURE], { env, encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 nodes created, 0 relationships created/);
  });

  it('creates the constraint, the indexes and the full-text index', async () => {
    await importDataset(FIXTURE);
    const constraints = await query<{ name: string; type: string; labelsOrTypes: string[]; properties: string[] }>('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties');
    expect(constraints).toContainEqual({ name: 'entity_id', type: 'UNIQUENESS', labelsOrTypes: ['Entity'], properties: ['id'] });
    const indexes = await query<{ name: string; type: string; properties: string[]; state: string }>('SHOW INDEXES YIELD name, type, properties, state');
    expect(indexes.find((i) => i.name === 'entity_search')).toMatchObject({ type: 'FULLTEXT', properties: ['name', 'aliases', 'description'], state: 'ONLINE' });
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['entity_kind', 'entity_name']));
    const hits = await query<{ id: string }>("CALL db.index.fulltext.queryNodes('entity_search', 'societe') YIELD node RETURN node.id AS id");
    expect(hits.map((h) => h.id)).toContain('org-hub'); // found by an accented alias
  });
});

describe('connection', () => {
  it('uses the server named by NEO4J_URI and starts nothing', async () => {
    const conn = await connect(testConfig());
    try {
      expect(conn.local).toBeUndefined();
      expect(conn.uri).toBe(testNeo4j().uri);
      const r = await conn.driver.executeQuery('RETURN 1 AS one');
      expect(r.records[0]!.get('one').toNumber()).toBe(1);
    } finally {
      await conn.close();
    }
  });

  it('works with a neo4j:// routing URI (reads through read routing)', async () => {
    const uri = testNeo4j().uri.replace(/^bolt:/, 'neo4j:');
    const conn = await connect(testConfig({ NEO4J_URI: uri }));
    try {
      const r = await conn.driver.executeQuery('RETURN 1 AS one', {}, { routing: 'READ' });
      expect(r.records[0]!.get('one').toNumber()).toBe(1);
    } finally {
      await conn.close();
    }
  });

  it('fails clearly when NEO4J_URI points nowhere', async () => {
    await expect(connect(testConfig({ NEO4J_URI: 'bolt://127.0.0.1:9' }))).rejects.toThrow(/connect|ECONNREFUSED|unavailable/i);
  });
});
