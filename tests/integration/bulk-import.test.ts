/**
 * The bulk import (server/import/write/bulk.ts) against real Neo4j: its own
 * supervised local Neo4j on a temp store (a bulk load stops and restarts it),
 * and the run's shared Neo4j for what must stay transactional (a remote
 * NEO4J_URI).
 *
 * - Equality: the same dataset imported in transactions and in bulk gives
 *   the same database, by a fingerprint of every node, relationship and
 *   typed property, the counts, the indexes and the constraints
 *   (tests/helpers/store-fingerprint.ts): the fixture, the shipped dataset, and a
 *   generated one.
 * - No half store: a row the importer refuses, an importer killed mid-way, a
 *   failure after the new store started, and the whole process killed after
 *   the swap all leave the empty database as it was (and Neo4j up).
 * - Choice: `auto` bulk-loads an empty local database and writes in
 *   transactions otherwise; `--bulk` is refused with the reason on a
 *   non-empty or remote database.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../server/generate/generate.ts';
import { ImportError, importDataset, type ImportSummary } from '../../server/import/index.ts';
import type { ImportOptions } from '../../server/import/index.ts';
import { findFreePort } from '../../server/neo4j/launcher.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../server/neo4j/supervisor.ts';
import { fingerprint, recordDiff, type Fingerprint } from '../helpers/store-fingerprint.ts';
import { testDriver, testNeo4j } from '../helpers/neo4j.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'claimgraph.js');
const PASSWORD = 'bulk-test-password';
const LONG = 900_000;

let dataDir: string;
let neo: SupervisedNeo4j;
let driver: Driver;
let generated: string;
let hard: string;
const lines: string[] = [];

/**
 * Values that test the CSV encoding: quotes, commas, line breaks, backslashes,
 * the array delimiter inside list elements, a list of one empty string, empty
 * lists, numbers that are not integers, -0, large ones, non-Latin text, and an
 * extra property that is a number in one record and a string in another.
 */
function hardRecords(): string {
  const D = String.fromCharCode(0x1f);
  const records = [
    { record: 'source', id: 's1', name: 'Report, "annotated"', sourceKind: 'report', authors: ['O\'Brien, P.', `A${D}B`], citation: 'line 1\nline 2\r\nline 3' },
    { record: 'entity', id: 'p1', kind: 'person', name: 'Zoë "Z" Ålund', aliases: ['back\\slash', `x${D}y`, '😀 emoji'], description: '  spaced  ', properties: { score: 0.1, big: 1e21, neg: -0, tags: [], flags: [true, false], one: [''], mixed: 3 } },
    { record: 'entity', id: 'p2', kind: 'person', name: 'Ünal', properties: { mixed: 'three', nums: [1, 2.5, -3] } },
    { record: 'entity', id: 'o1', kind: 'organization', name: 'Org\nWith Break', count: 40, anonymous: true },
    { record: 'claim', id: 'c1', type: 'FUNDED', from: 'o1', to: 'p1', sourceId: 's1', status: 'documented', quote: '"Paid," he said;\n"twice".', amount: 1234.5, currency: 'USD', date: '2020-02-29' },
    { record: 'claim', id: 'c2', type: 'FUNDED', from: 'o1', to: 'p2', sourceId: 's1', status: 'alleged', quote: 'plain', amount: 7, properties: { ref: 'a,b', weight: 2 } },
    { record: 'claim', id: 'c3', type: 'MEMBER_OF', from: 'p2', to: 'o1', sourceId: 's1', status: 'reported', quote: 'x', paraphrase: true, anchor: 'the passage', start: '1999', end: '2001-06' },
  ];
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

async function count(): Promise<{ nodes: number; relationships: number }> {
  const res = await driver.executeQuery('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships');
  return { nodes: Number(res.records[0]!.get('nodes')), relationships: Number(res.records[0]!.get('relationships')) };
}

async function wipe(): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

function load(folder: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  return importDataset(driver, folder, { offline: neo, ...opts });
}

/** What a bulk load leaves behind besides the store: nothing. */
async function leftovers(): Promise<string[]> {
  return (await readdir(dataDir)).filter((f) => f.startsWith('bulk-'));
}

function expectSame(tx: Fingerprint, bulk: Fingerprint): void {
  expect(recordDiff(tx, bulk), 'records differ').toEqual([]);
  const { records: _a, ...a } = tx;
  const { records: _b, ...b } = bulk;
  expect(b).toEqual(a);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-bulk-'));
  neo = await superviseLocalNeo4j({ port: await findFreePort(), dataDir, password: PASSWORD, report: (l) => lines.push(l) });
  driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, PASSWORD));
  generated = path.join(dataDir, '..', `${path.basename(dataDir)}-generated`);
  await generateDataset({ entities: 1500, claims: 6000, seed: 7, out: generated });
  hard = path.join(dataDir, '..', `${path.basename(dataDir)}-hard`);
  await mkdir(hard, { recursive: true });
  await writeFile(path.join(hard, 'dataset.yaml'), 'name: hard-values\ntitle: "Hard values: quotes, breaks, lists"\ndescription: "Two\\nlines"\n');
  await writeFile(path.join(hard, 'records.jsonl'), hardRecords());
}, LONG);

afterAll(async () => {
  await driver?.close();
  await neo?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(generated, { recursive: true, force: true });
  await rm(hard, { recursive: true, force: true });
}, LONG);

describe('bulk import writes what the transactional import writes', () => {
  it.each([
    ['the fixture', 'tests/fixtures/mini'],
    ['the shipped dataset', 'data/mek-network'],
    ['values that are hard to write as CSV', 'HARD'],
    ['a generated dataset', 'GENERATED'],
  ])(
    '%s: same nodes, claims, typed properties, counts, indexes and constraints',
    async (_name, folder) => {
      const dataset = folder === 'GENERATED' ? generated : folder === 'HARD' ? hard : folder;
      await wipe();
      const tx = await load(dataset, { bulk: false });
      expect(tx.mode).not.toBe('bulk');
      const viaTransactions = await fingerprint(driver);

      await wipe();
      const bulk = await load(dataset); // auto: the database is empty and local
      expect(bulk.mode).toBe('bulk');
      expect(bulk.transactions).toBe(0);
      expect(bulk.nodesCreated).toBe(tx.nodesCreated);
      expect(bulk.relationshipsCreated).toBe(tx.relationshipsCreated);
      expect(bulk.bulk?.filesDuringValidation).toBe(true);
      const viaBulk = await fingerprint(driver);

      expectSame(viaTransactions, viaBulk);
      expect(viaBulk.nodes).toBe(bulk.counts.entities + bulk.counts.sources + 2); // and the :Dataset node, and the dense index's :DenseState
      expect(viaBulk.relationships).toBe(bulk.counts.claims);
      expect(await leftovers()).toEqual([]);
      expect(neo.status().state).toBe('up');
    },
    LONG,
  );

  it('the generated dataset has what makes the comparison worth it: floats, empty and filled lists, the full-text index', async () => {
    const fp = await fingerprint(driver); // the generated dataset, bulk-loaded by the test above
    const person = fp.propertyTypes['Entity:Person']!;
    expect(person.aliases).toEqual(expect.arrayContaining(['LIST<NOTHING> NOT NULL', 'LIST<STRING NOT NULL> NOT NULL']));
    expect(fp.propertyTypes.FUNDED!.amount).toEqual(['FLOAT NOT NULL']);
    expect(fp.propertyTypes.Dataset!.importedAt).toEqual(['STRING NOT NULL']);
    expect(fp.indexes.some((i) => i.includes('"FULLTEXT"') && i.includes('standard-folding'))).toBe(true);
  });
});

describe('a failed bulk import leaves the empty database as it was', () => {
  it('a row the importer refuses (a claim to a node that is not there)', async () => {
    await wipe();
    const err = await load('tests/fixtures/mini', {
      mode: 'bulk',
      beforeBulkLoad: async (files) => {
        const g = files.groups.find((x) => x.kind === 'relationships')!;
        await appendFile(g.data, '"no-such-node","also-missing","c-bad"\n');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/Neo4j's importer refused the data: .*no-such-node/s);
    expect(await count()).toEqual({ nodes: 0, relationships: 0 });
    expect(neo.status().state).toBe('up');
    expect(await leftovers()).toEqual([]);
  }, LONG);

  it('the importer killed mid-way', async () => {
    await wipe();
    let pid = 0;
    let killed = false;
    const err = await load(generated, {
      mode: 'bulk',
      bulkImporter: {
        onSpawn: (p) => (pid = p),
        // Once it is importing (its first estimate printed), not before.
        log: (line) => {
          if (!killed && pid && /Estimated number of nodes/.test(line)) {
            process.kill(pid, 'SIGKILL');
            killed = true;
          }
        },
      },
    }).catch((e: unknown) => e);
    expect(killed).toBe(true);
    expect((err as Error).message).toMatch(/importer was killed by SIGKILL/);
    expect(await count()).toEqual({ nodes: 0, relationships: 0 });
    expect(await leftovers()).toEqual([]);
  }, LONG);

  it('a failure after the new store started (before the import completed): the empty store comes back', async () => {
    await wipe();
    const err = await load('tests/fixtures/mini', {
      mode: 'bulk',
      beforeCommit: async () => {
        expect((await count()).nodes).toBeGreaterThan(0); // the new store is live here
        throw new Error('injected failure after the swap');
      },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('injected failure after the swap');
    expect(await count()).toEqual({ nodes: 0, relationships: 0 });
    expect(neo.status().state).toBe('up');
    expect(await leftovers()).toEqual([]);
  }, LONG);

  it('the whole process killed after the swap: the next start of Neo4j brings the empty store back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-bulk-kill-'));
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_DATA_DIR: dir, NEO4J_BOLT_PORT: String(port), NEO4J_PASSWORD: PASSWORD, CLAIMGRAPH_PROGRESS: 'lines' };
    for (const k of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_DATABASE']) delete env[k];
    const child = spawn(process.execPath, [BIN, 'import', 'tests/fixtures/mini', '--bulk'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const closed = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    // The schema phase begins once Neo4j runs on the swapped-in store, before the import completes.
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (/^schema: 0\/1/m.test(stderr)) resolve();
      });
      void closed.then(() => reject(new Error(`the import ended before its schema phase:\n${stderr}`)));
    });
    expect(existsSync(path.join(dir, 'bulk-swap.json'))).toBe(true);
    child.kill('SIGKILL');
    await closed;
    // Its Neo4j stops by itself (stdin closed); then a new start on the same data directory undoes the swap.
    const report: string[] = [];
    let again: SupervisedNeo4j | undefined;
    for (let attempt = 0; !again; attempt++) {
      again = await superviseLocalNeo4j({ port, dataDir: dir, password: PASSWORD, log: (l) => report.push(l) }).catch((e: unknown) => {
        if (!/locked|in use/i.test((e as Error).message) || attempt > 120) throw e;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 500));
      });
    }
    const d = neo4j.driver(again.uri, neo4j.auth.basic('neo4j', PASSWORD));
    try {
      const res = await d.executeQuery('MATCH (n) RETURN count(n) AS n');
      expect(Number(res.records[0]!.get('n'))).toBe(0);
      expect(report.join('\n')).toMatch(/interrupted bulk import .* was undone/);
      expect((await readdir(dir)).filter((f) => f.startsWith('bulk-'))).toEqual([]);
    } finally {
      await d.close();
      await again.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, LONG);
});

describe('when the bulk strategy is used', () => {
  it('auto writes in transactions into a local database that is not empty; --bulk is refused with the reason', async () => {
    await wipe();
    await load('tests/fixtures/mini', { bulk: false });
    const s = await load(generated);
    expect(s.mode).not.toBe('bulk');
    const err = await load('tests/fixtures/mini', { mode: 'bulk', name: 'other' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/only into an empty database, and this one holds \d+ nodes/);
  }, LONG);

  it('indexes or constraints claimgraph does not create keep a database from a bulk load', async () => {
    await wipe();
    await driver.executeQuery('CREATE INDEX user_made IF NOT EXISTS FOR (n:Note) ON (n.text)');
    try {
      const s = await load('tests/fixtures/mini');
      expect(s.mode).not.toBe('bulk');
      await wipe();
      const err = await load('tests/fixtures/mini', { mode: 'bulk' }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/indexes or constraints that claimgraph does not create \(user_made\)/);
    } finally {
      await driver.executeQuery('DROP INDEX user_made IF EXISTS');
    }
  }, LONG);

  it('a remote NEO4J_URI keeps the transactional path; the CLI refuses --bulk there and says why', async () => {
    const db = testNeo4j();
    const err = await importDataset(testDriver(), 'tests/fixtures/mini', { mode: 'bulk', database: db.database }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password };
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'import', 'tests/fixtures/mini', '--bulk', '-q'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.once('close', (code) => resolve({ code, stderr }));
    });
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/Import failed: A bulk import stops Neo4j and replaces its store, so it needs the local Neo4j this command starts: NEO4J_URI names a Neo4j server that this command does not run/);
  }, LONG);
});
