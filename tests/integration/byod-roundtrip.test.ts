/**
 * Round trips: the fixture dataset exported to CSV (a ZIP) and to
 * FollowTheMoney with the API's exporter, imported into an emptied database,
 * gives the same entities, claims, statuses, quotes and sources.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/kernel/log.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { writeExport } from '../../server/export/index.ts';
import { importDataset } from '../../server/import/index.ts';
import { closeTestDriver, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const FIXTURE = 'tests/fixtures/mini';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-roundtrip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await closeTestDriver();
});
beforeEach(resetDatabase);

function deps(): Deps {
  return { driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') };
}

async function exportAll(format: 'csv' | 'ftm'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(deps(), { format, selection: { type: 'all' } }, out);
  out.end();
  return Buffer.concat(chunks);
}

type Row = Record<string, unknown>;

const ENTITY_FIELDS = ['id', 'kind', 'name', 'aliases', 'description', 'born', 'died', 'nationality', 'founded', 'dissolved', 'country', 'orgType', 'date', 'start', 'end', 'placeType', 'category'];
const SOURCE_FIELDS = ['id', 'name', 'sourceKind', 'authors', 'publisher', 'date', 'url', 'accessed', 'citation'];
const CLAIM_FIELDS = ['id', 'type', 'from', 'to', 'status', 'quote', 'sourceId', 'date', 'start', 'end', 'amount', 'currency', 'purpose'];

function pick(row: Row, fields: string[]): Row {
  return Object.fromEntries(fields.filter((f) => row[f] !== undefined && row[f] !== null && !(Array.isArray(row[f]) && (row[f] as unknown[]).length === 0) && row[f] !== '').map((f) => [f, row[f]]));
}

async function graph(extraEntity: string[] = [], extraClaim: string[] = []) {
  const entities = await query<{ p: Row }>('MATCH (n:Entity) WHERE NOT n:Source RETURN properties(n) AS p ORDER BY n.id');
  const sources = await query<{ p: Row }>('MATCH (n:Source) RETURN properties(n) AS p ORDER BY n.id');
  const claims = await query<{ p: Row; type: string; from: string; to: string }>(
    'MATCH (a)-[r]->(b) RETURN properties(r) AS p, type(r) AS type, a.id AS from, b.id AS to ORDER BY r.id',
  );
  return {
    entities: entities.map((r) => pick(r.p, [...ENTITY_FIELDS, ...extraEntity])),
    sources: sources.map((r) => pick(r.p, SOURCE_FIELDS)),
    claims: claims.map((r) => pick({ ...r.p, type: r.type, from: r.from, to: r.to }, [...CLAIM_FIELDS, ...extraClaim])),
  };
}

describe('round trips', () => {
  it('CSV: export, empty the database, import the ZIP: the same graph', async () => {
    await importDataset(testDriver(), FIXTURE, { database: testNeo4j().database });
    const before = await graph(['anonymous', 'count', 'note'], ['role', 'claimant', 'citedIn', 'note']);
    expect(before.entities).toHaveLength(19);
    expect(before.claims).toHaveLength(31);
    const zip = path.join(dir, 'claimgraph-all.csv.zip');
    await writeFile(zip, await exportAll('csv'));

    await resetDatabase();
    const s = await importDataset(testDriver(), zip, { database: testNeo4j().database, name: 'mini-csv' });
    expect(s.counts).toMatchObject({ entities: 19, sources: 4, claims: 31 });
    const after = await graph(['anonymous', 'count', 'note'], ['role', 'claimant', 'citedIn', 'note']);
    expect(after).toEqual(before);
    // Extra properties come back as properties (lists as their `;`-joined text).
    const [speaker] = await query<{ party: string; tags: string; datasets: string[] }>('MATCH (n {id: "person-speaker"}) RETURN n.party AS party, n.tags AS tags, n.datasets AS datasets');
    expect(speaker).toEqual({ party: 'Blue Party', tags: 'speaker;politician', datasets: ['mini-csv'] });
  });

  it('FtM: export, empty the database, import the file: the same graph', async () => {
    await importDataset(testDriver(), FIXTURE, { database: testNeo4j().database });
    // FtM carries no `anonymous`, `count`, claimant or citedIn; a Payment has no role.
    const before = await graph(['note']);
    const file = path.join(dir, 'claimgraph-all.ftm.json');
    await writeFile(file, await exportAll('ftm'));

    await resetDatabase();
    const s = await importDataset(testDriver(), file, { database: testNeo4j().database, name: 'mini-ftm' });
    expect(s.counts).toMatchObject({ entities: 19, sources: 4, claims: 31 });
    expect(s.notes.dangling.count).toBe(0);
    expect(s.notes.claimsSkipped).toEqual({});
    const after = await graph(['note']);
    expect(after).toEqual(before);
    const roles = await query<{ id: string; role: string | null }>('MATCH ()-[r]->() WHERE NOT type(r) IN ["PAID", "FUNDED"] RETURN r.id AS id, r.role AS role ORDER BY id');
    const original = await (async () => {
      await resetDatabase();
      await importDataset(testDriver(), FIXTURE, { database: testNeo4j().database });
      return query<{ id: string; role: string | null }>('MATCH ()-[r]->() WHERE NOT type(r) IN ["PAID", "FUNDED"] RETURN r.id AS id, r.role AS role ORDER BY id');
    })();
    expect(roles).toEqual(original);
  });
});
