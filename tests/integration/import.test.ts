/**
 * The importer against the real Neo4j: counts, idempotence, atomicity when a
 * write fails mid-way (in one transaction, and in committed chunks undone
 * again), an interrupted chunked import undone by the next one, the schema,
 * and the NEO4J_URI connection path.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, cp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../server/neo4j/connection.ts';
import { importDataset as runImport } from '../../server/import/index.ts';
import type { ImportProgress } from '../../server/import/write.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { entityDetail } from '../../server/reads/entity.ts';
import { closeTestDriver, counts, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const FIXTURE = 'tests/fixtures/mini';

const temps: string[] = [];

beforeEach(resetDatabase);
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
  await closeTestDriver();
});

/** Everything in the database: every node and relationship with its labels or type and properties. */
async function dump(opts: { ignoreImportedAt?: boolean } = {}) {
  const nodes = await query<{ labels: string[]; p: Record<string, unknown> }>(
    // The dense index's state node (server/import/derived/) records when it was refreshed: derived, not imported.
    'MATCH (n) WHERE NOT n:DenseState WITH n, labels(n) AS labels ORDER BY labels[0], coalesce(n.id, n.name, n.dataset) RETURN labels, properties(n) AS p',
  );
  const rels = await query<{ from: string; type: string; to: string; p: Record<string, unknown> }>(
    'MATCH (a)-[r]->(b) WITH a, r, b ORDER BY r.id, type(r) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS p',
  );
  for (const n of nodes) {
    n.labels.sort();
    if (opts.ignoreImportedAt) {
      delete n.p.importedAt;
      delete n.p.since; // when the dataset was first imported
    }
  }
  return { nodes, rels };
}

function stripImportedAt(d: Awaited<ReturnType<typeof dump>>) {
  return { ...d, nodes: d.nodes.map((n) => ({ ...n, p: Object.fromEntries(Object.entries(n.p).filter(([k]) => k !== 'importedAt' && k !== 'since')) })) };
}

/** A second dataset, "other", that shares two entities and one claim with the mini fixture. */
let otherDir: string | undefined;
async function otherDataset(): Promise<string> {
  if (otherDir) return otherDir;
  const dir = (otherDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-other-')));
  temps.push(dir);
  await writeFile(path.join(dir, 'dataset.yaml'), 'name: other\ntitle: Another dataset\ndescription: Shares entities with mini.\n');
  await writeFile(
    path.join(dir, 'data.yaml'),
    `entities:
  - {id: org-hub, kind: organization, name: Northwind Movement, description: As another dataset has it., country: Elsewhere}
  - {id: person-leader, kind: person, name: Ada Quill, aliases: [Ada Q.]}
  - {id: person-other, kind: person, name: Olga Other}
sources:
  - {id: src-other, name: Other register, sourceKind: dataset}
claims:
  - {id: c-other, type: MEMBER_OF, from: person-other, to: org-hub, sourceId: src-other, status: reported, quote: Olga is a member.}
  - {id: c-leads, type: LEADS, from: person-leader, to: org-hub, sourceId: src-other, status: alleged, quote: "Ada leads it, they say."}
`,
  );
  return dir;
}

/** A copy of the mini fixture with one entity and claim added and one entity changed (a new version). */
async function changedMini(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-mini2-'));
  temps.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  const entities = path.join(dir, 'entities.yaml');
  await writeFile(
    entities,
    (await readFile(entities, 'utf8')).replace('description: Fictional leader of the Northwind Movement.', 'description: Leader of the Northwind Movement (revised).') +
      '  - {id: person-newcomer, kind: person, name: Nina Newcomer}\n',
  );
  const claims = path.join(dir, 'claims.yaml');
  await writeFile(
    claims,
    (await readFile(claims, 'utf8')) +
      '  - {id: c-newcomer, type: MEMBER_OF, from: person-newcomer, to: org-hub, sourceId: src-news, status: reported, quote: Nina joined.}\n',
  );
  return dir;
}

const chunked = (target: string, opts: Parameters<typeof runImport>[2] = {}) =>
  runImport(testDriver(), target, { database: testNeo4j().database, mode: 'chunked', txRows: 5, batchSize: 2, ...opts });

async function snapshot() {
  const c = await counts();
  const ids = await query<{ ids: string[] }>('MATCH (n) WHERE NOT n:DenseState WITH n ORDER BY n.id RETURN collect(n.id) AS ids');
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
    const r = spawnSync(process.execPath, ['bin/claimgraph.js', 'import', 'tests/fixtures/broken'], {
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
    const first = spawnSync(process.execPath, ['bin/claimgraph.js', 'import', FIXTURE], { env, encoding: 'utf8' });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/entities: 19 .*\n\s+sources:\s+4\n\s+claims:\s+31/);
    expect(first.stdout).toMatch(/23 nodes created, 31 relationships created/);
    const second = spawnSync(process.execPath, ['bin/claimgraph.js', 'import', FIXTURE], { env, encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 nodes created, 0 relationships created/);
  });

  it('reports progress per phase, each counting up to its total (one transaction, and in chunks)', async () => {
    for (const mode of ['atomic', 'chunked'] as const) {
      await resetDatabase();
      const events: ImportProgress[] = [];
      await runImport(testDriver(), FIXTURE, { database: testNeo4j().database, mode, txRows: mode === 'chunked' ? 5 : undefined, batchSize: 3, onProgress: (p) => events.push({ ...p }) });
      for (const phase of ['entities', 'claims'] as const) {
        const done = events.filter((e) => e.phase === phase).map((e) => e.done);
        const total = phase === 'entities' ? 23 : 31;
        expect(events.filter((e) => e.phase === phase).every((e) => e.total === total), `${mode} ${phase}`).toBe(true);
        expect(done, `${mode} ${phase}`).toEqual([...done].sort((a, b) => a - b));
        expect(done.at(-1), `${mode} ${phase}`).toBe(total);
      }
      // Then, once committed, the dense index's refresh ('index') when the graph has dense entities.
      const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
      expect(phases.filter((p) => p !== 'index')).toEqual(['schema', 'entities', 'claims', 'commit']);
      expect(phases.indexOf('index') === -1 || phases.indexOf('index') > phases.indexOf('commit')).toBe(true);
    }
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

describe('chunked import', () => {
  it('writes the same graph as one transaction, in several committed chunks', async () => {
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    await importDataset(FIXTURE);
    const atomic = await dump({ ignoreImportedAt: true });
    await resetDatabase();
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    const s = await chunked(FIXTURE);
    expect(s.mode).toBe('chunked');
    expect(s.transactions).toBeGreaterThan(5);
    expect(s.nodesCreated).toBe(23 - 2); // org-hub and person-leader were there already
    expect(await dump({ ignoreImportedAt: true })).toEqual(atomic);
    // Shared records were merged as in one transaction: both datasets recorded.
    const [hub] = await query<{ ds: string[] }>('MATCH (n:Entity {id: "org-hub"}) RETURN n.datasets AS ds');
    expect(hub!.ds).toEqual(['other', 'mini']);
  });

  it('leaves the database exactly as it was when a chunk fails mid-way, with another dataset sharing records', async () => {
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    const before = await dump();
    // A failure after some chunks of entities and claims were committed.
    await expect(
      chunked(FIXTURE, {
        afterChunk: (n) => {
          if (n === 6) throw new Error('lost the connection');
        },
      }),
    ).rejects.toThrow('lost the connection');
    expect(await dump()).toEqual(before);
    // ... and when the last transaction (the shared records, the :Dataset node) fails.
    await expect(
      chunked(FIXTURE, {
        beforeCommit: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await dump()).toEqual(before);
  });

  it('leaves the database as it was when a write fails mid-way (a constraint only the database knows)', async () => {
    const d = testDriver();
    await runImport(d, await otherDataset(), { database: testNeo4j().database });
    await d.executeQuery('CREATE CONSTRAINT test_concept_name IF NOT EXISTS FOR (n:Concept) REQUIRE n.name IS UNIQUE');
    try {
      await d.executeQuery('CREATE (:Entity:Concept {id: "squatter", name: "Enforced silence"})');
      const before = await dump();
      await expect(chunked(FIXTURE)).rejects.toThrow(/already exists|constraint/i);
      expect(await dump()).toEqual(before);
    } finally {
      await d.executeQuery('DROP CONSTRAINT test_concept_name IF EXISTS');
    }
  });

  it('is idempotent, and a re-import that fails leaves the earlier version exactly as it was', async () => {
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    await chunked(FIXTURE);
    const first = await dump({ ignoreImportedAt: true });
    const again = await chunked(FIXTURE);
    expect(again.nodesCreated).toBe(0);
    expect(again.relationshipsCreated).toBe(0);
    expect(await dump({ ignoreImportedAt: true })).toEqual(first);

    const before = await dump();
    const v2 = await changedMini();
    await expect(
      chunked(v2, {
        beforeCommit: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await dump()).toEqual(before);
    // The new version in chunks: what one transaction would write, no tag left behind.
    await chunked(v2);
    const viaChunks = await dump({ ignoreImportedAt: true });
    expect(JSON.stringify(viaChunks)).not.toContain('_importRun');
    await resetDatabase();
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    await importDataset(FIXTURE);
    await importDataset(v2);
    expect(viaChunks).toEqual(await dump({ ignoreImportedAt: true }));
  });

  /** Imports mini in chunks in a real process, SIGKILLed (no chance to clean up) after its third chunk. */
  function killedImport() {
    const db = testNeo4j();
    const script = `
      const { default: neo4j } = await import('neo4j-driver');
      const { importDataset } = await import('./server/import/index.ts');
      const driver = neo4j.driver(process.env.T_URI, neo4j.auth.basic(process.env.T_USER, process.env.T_PASSWORD));
      await importDataset(driver, ${JSON.stringify(FIXTURE)}, {
        database: process.env.T_DATABASE || undefined, mode: 'chunked', txRows: 5, batchSize: 2,
        afterChunk: (n) => { if (n === 3) process.kill(process.pid, 'SIGKILL'); },
      });`;
    const r = spawnSync('npx', ['tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, T_URI: db.uri, T_USER: db.user, T_PASSWORD: db.password, T_DATABASE: db.database ?? '' },
      encoding: 'utf8',
    });
    expect(r.signal ?? r.status).not.toBe(0);
  }

  /** What a killed import left: its marker, its hidden nodes, and what reads see of mini. */
  async function leftOver() {
    const [left] = await query<{ markers: number; datasets: number; visible: number; hidden: number }>(
      `CALL () { MATCH (m:ImportRun {dataset: 'mini'}) RETURN count(m) AS markers }
       CALL () { MATCH (d:Dataset {name: 'mini'}) RETURN count(d) AS datasets }
       CALL () { MATCH (n:Entity) WHERE 'mini' IN n.datasets RETURN count(n) AS visible }
       CALL () { MATCH (n:ImportingEntity) RETURN count(n) AS hidden }
       RETURN markers, datasets, visible, hidden`,
    );
    return left!;
  }

  it('an import killed mid-way shows nothing to reads, and the next import of any dataset undoes it', async () => {
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    const before = await dump();
    killedImport();
    // Three chunks of nodes committed, the dataset incomplete: none of it is an :Entity, so no read sees it.
    const left = await leftOver();
    expect(left).toMatchObject({ markers: 1, datasets: 0, visible: 0 });
    expect(left.hidden).toBeGreaterThan(10);
    // The marker tells a reader nothing about where the import runs.
    const [marker] = await query<{ keys: string[] }>('MATCH (m:ImportRun) RETURN keys(m) AS keys');
    expect(marker!.keys.sort()).toEqual(['dataset', 'heartbeat', 'run', 'startedAt']);
    const search = await entityDetail({ driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') }, 'org-gov').then(
      () => 'found',
      () => 'not found',
    );
    expect(search).toBe('not found');
    // The next import, of another dataset, undoes it first.
    const s = await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    expect(s.undoneEarlier).toBeUndefined();
    expect(await leftOver()).toEqual({ markers: 0, datasets: 0, visible: 0, hidden: 0 });
    expect(await dump({ ignoreImportedAt: true })).toEqual(stripImportedAt(before));
  });

  it('an import killed mid-way is undone by the next import of the dataset, or when the server starts', { timeout: 300_000 }, async () => {
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    killedImport();
    const s = await chunked(FIXTURE);
    expect(s.undoneEarlier?.startedAt).toMatch(/^\d{4}-/);
    const after = await dump({ ignoreImportedAt: true });
    await resetDatabase();
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    const before = await dump({ ignoreImportedAt: true });
    await importDataset(FIXTURE);
    expect(after).toEqual(await dump({ ignoreImportedAt: true }));

    // `claimgraph start` undoes one before it serves.
    await resetDatabase();
    await runImport(testDriver(), await otherDataset(), { database: testNeo4j().database });
    killedImport();
    expect((await leftOver()).hidden).toBeGreaterThan(10);
    const db = testNeo4j();
    const env = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...(db.database ? { NEO4J_DATABASE: db.database } : {}), PORT: '0', HOST: '127.0.0.1' };
    const server = spawn(process.execPath, ['bin/claimgraph.js', 'start', '--no-build'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let err = '';
      await new Promise<void>((resolve, reject) => {
        server.stderr.on('data', (b: Buffer) => {
          err += b.toString();
          if (err.includes('is ready at')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`start exited ${code}: ${err}`)));
      });
      expect(err).toMatch(/undid an unfinished import of dataset "mini"/);
      expect(await leftOver()).toEqual({ markers: 0, datasets: 0, visible: 0, hidden: 0 });
      expect(await dump({ ignoreImportedAt: true })).toEqual(before);
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('refuses while an import of the same dataset may still be running elsewhere, and undoes one silent too long', async () => {
    // A marker whose heartbeat is fresh: an import on another machine.
    await testDriver().executeQuery(
      "CREATE (:ImportRun {dataset: 'mini', run: 'r1', startedAt: toString(datetime()), heartbeat: toString(datetime())})",
      {},
      { database: testNeo4j().database },
    );
    await expect(chunked(FIXTURE)).rejects.toThrow(/has not finished.*claimgraph import --replace mini/s);
    // --replace removes what it wrote (and the marker); then the import goes ahead.
    const s = await chunked(FIXTURE, { mode: 'atomic', txRows: undefined, replace: 'mini' });
    expect(s.counts.claims).toBe(31);
    expect((await query<{ c: number }>('MATCH (m:ImportRun) RETURN count(m) AS c'))[0]!.c).toBe(0);
    // Silent for longer than STALE_AFTER_S: over, undone by the next import.
    await testDriver().executeQuery(
      "CREATE (:ImportRun {dataset: 'gone', run: 'r2', startedAt: '2026-01-01T00:00:00Z', heartbeat: '2026-01-01T00:00:00Z'}) CREATE (:ImportingEntity {id: 'x-gone', _importRun: 'r2'})",
      {},
      { database: testNeo4j().database },
    );
    await chunked(FIXTURE);
    expect((await query<{ c: number }>('MATCH (m) WHERE m:ImportRun OR m:ImportingEntity RETURN count(m) AS c'))[0]!.c).toBe(0);
  });

  it('refuses to replace an existing dataset in chunks (it could not be undone)', async () => {
    await importDataset(FIXTURE);
    const before = await dump();
    await expect(chunked(FIXTURE, { replace: 'mini' })).rejects.toThrow(/--atomic/);
    expect(await dump()).toEqual(before);
  });

  it('the CLI chooses chunks with --tx-rows and says so', async () => {
    const env = { ...process.env, NEO4J_URI: testNeo4j().uri, NEO4J_USER: testNeo4j().user, NEO4J_PASSWORD: testNeo4j().password };
    const r = spawnSync(process.execPath, ['bin/claimgraph.js', 'import', FIXTURE, '--tx-rows', '10'], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/23 nodes created, 31 relationships created, \d+ properties set \(in \d+ transactions\)/);
    const bad = spawnSync(process.execPath, ['bin/claimgraph.js', 'import', FIXTURE, '--atomic', '--chunked'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--atomic cannot go with --chunked/);
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
