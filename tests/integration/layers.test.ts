/**
 * Datasets are layers (issue 16, finding 5): a dataset that says other
 * things about another dataset's entities and claims (tests/fixtures/layers/
 * atlantis over tests/fixtures/mini) changes none of its values; the entity
 * detail shows each dataset's values and marks where they disagree; and
 * removing it restores exactly the database there was before, compared by a
 * fingerprint of every node, relationship, property (with its type), label,
 * index and constraint.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importDataset, removeDataset } from '../../server/import/index.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { entityDetail } from '../../server/reads/entity.ts';
import { fingerprint, recordDiff, type Fingerprint } from '../helpers/store-fingerprint.ts';
import { closeTestDriver, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const MINI = 'tests/fixtures/mini';
const ATLANTIS = 'tests/fixtures/layers/atlantis';
const temps: string[] = [];

const db = () => testNeo4j().database;
const run = (target: string, opts: Parameters<typeof importDataset>[2] = {}) => importDataset(testDriver(), target, { database: db(), ...opts });
const print = () => fingerprint(testDriver(), db());
const deps = () => ({ driver: testDriver(), database: db(), config: testConfig(), log: createLogger('silent') });

function expectSame(a: Fingerprint, b: Fingerprint): void {
  expect(recordDiff(a, b), 'records that differ').toEqual([]);
  expect({ ...b, records: undefined }).toEqual({ ...a, records: undefined });
}

async function props(id: string): Promise<Record<string, unknown>> {
  const [row] = await query<{ p: Record<string, unknown>; labels: string[] }>('MATCH (n:Entity {id: $id}) RETURN properties(n) AS p, labels(n) AS labels', { id });
  return { ...row!.p, labels: row!.labels.sort() };
}

/** A copy of mini with org-hub's description changed (a new version of mini). */
async function miniV2(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-mini-v2-'));
  temps.push(dir);
  await cp(MINI, dir, { recursive: true });
  const file = path.join(dir, 'entities.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('The fictional hub organization of the fixture.', 'The hub, as version 2 says.'));
  return dir;
}

beforeEach(resetDatabase);
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
  await closeTestDriver();
});

describe('datasets are layers', { timeout: 240_000 }, () => {
  it("a second dataset changes none of the first's values, and removing it restores the database exactly", async () => {
    await run(MINI);
    const afterMini = await print();
    const hubBefore = await props('org-hub');
    const leaderBefore = await props('person-leader');

    await run(ATLANTIS);
    // mini's values are still what every read shows; atlantis adds what mini leaves empty.
    const hub = await props('org-hub');
    expect(hub).toMatchObject({
      name: 'Northwind Movement',
      description: 'The fictional hub organization of the fixture.',
      founded: '1970-05',
      country: 'Atlantis',
      aliases: ['NWM', 'Mouvement du Vent du Nord', 'Société du Nord', 'Northwind Movement of Atlantis', 'Atlantic Wind'],
      datasets: ['mini', 'atlantis'],
      labels: ['Entity', 'Organization'],
    });
    expect(JSON.parse(hub._layers as string)).toMatchObject({
      mini: { description: 'The fictional hub organization of the fixture.', founded: '1970-05' },
      atlantis: { description: 'An Atlantean movement (a claim of this dataset).', country: 'Atlantis', founded: '1971' },
    });
    expect(await props('person-leader')).toMatchObject({ kind: 'person', labels: ['Entity', 'Person'], description: leaderBefore.description });
    const [leads] = await query<{ p: Record<string, unknown>; n: number }>('MATCH ()-[r:LEADS {id: "c-leads"}]->() RETURN properties(r) AS p, count(*) AS n');
    expect(leads!.n).toBe(1);
    expect(leads!.p).toMatchObject({ status: 'reported', quote: 'Ada Quill has led the movement since 2003.', start: '2003', sourceId: 'src-report', datasets: ['mini', 'atlantis'] });

    // Removing it: exactly the database after mini alone.
    expect(await removeDataset(testDriver(), 'atlantis', { database: db() })).toMatchObject({ found: true, claimsDeleted: 2, nodesDeleted: 2 });
    expect(await props('org-hub')).toEqual(hubBefore);
    expectSame(afterMini, await print());
  });

  it('--replace with a new version (one transaction) restores exactly too, and keeps the first dataset first', async () => {
    await run(MINI);
    const afterMini = await print();
    await run(ATLANTIS);
    // Re-importing mini while replacing atlantis: the transaction removes atlantis first.
    const s = await run(MINI, { replace: 'atlantis' });
    expect(s.replaced).toMatchObject({ dataset: 'atlantis', found: true, claimsDeleted: 2, nodesDeleted: 2 });
    expectSame(afterMini, await print());

    // Replacing mini itself with its next version: mini was first and stays first.
    await run(ATLANTIS);
    await run(await miniV2(), { replace: 'mini' });
    expect(await props('org-hub')).toMatchObject({ description: 'The hub, as version 2 says.', country: 'Atlantis', datasets: ['mini', 'atlantis'] });
  });

  it('a re-import of the first dataset with changes updates its own layer only', async () => {
    await run(MINI);
    await run(ATLANTIS);
    const v2 = await miniV2();
    await run(v2);
    const hub = await props('org-hub');
    expect(hub).toMatchObject({ description: 'The hub, as version 2 says.', country: 'Atlantis', datasets: ['mini', 'atlantis'] });
    expect(JSON.parse(hub._layers as string).atlantis).toMatchObject({ description: 'An Atlantean movement (a claim of this dataset).' });
    // Without atlantis: exactly what mini's second version alone writes.
    await removeDataset(testDriver(), 'atlantis', { database: db() });
    const layeredThenRemoved = await print();
    await resetDatabase();
    await run(v2);
    expectSame(await print(), layeredThenRemoved);
  });

  it('removing the first dataset leaves exactly what the second says', async () => {
    await run(MINI);
    await run(ATLANTIS);
    await removeDataset(testDriver(), 'mini', { database: db() });
    // What atlantis alone says of the hub, now that mini is gone; its claim c-leads alone.
    expect(await props('org-hub')).toMatchObject({ name: 'Northwind Movement of Atlantis', description: 'An Atlantean movement (a claim of this dataset).', datasets: ['atlantis'] });
    expect((await props('org-hub'))._layers).toBeUndefined();
    expect(await props('person-leader')).toMatchObject({ kind: 'organization', labels: ['Entity', 'Organization'], datasets: ['atlantis'] });
    const [leads] = await query<{ p: Record<string, unknown> }>('MATCH ()-[r:LEADS {id: "c-leads"}]->() RETURN properties(r) AS p');
    expect(leads!.p).toMatchObject({ status: 'disputed', sourceId: 'src-atlantis', datasets: ['atlantis'] });
    expect(leads!.p._layers).toBeUndefined();
  });

  it('a chunked import layers shared records as one transaction does', async () => {
    await run(MINI);
    await run(ATLANTIS);
    const atomic = await print();
    await resetDatabase();
    await run(MINI);
    await run(ATLANTIS, { mode: 'chunked', txRows: 2, batchSize: 2 });
    expectSame(atomic, await print());
  });

  it("the entity detail shows each dataset's values and marks where they disagree", async () => {
    await run(MINI);
    await run(ATLANTIS);
    const d = await entityDetail(deps(), 'org-hub');
    expect(d.entity.properties).not.toHaveProperty('_layers');
    expect(d.layers.map((l) => l.dataset)).toEqual(['mini', 'atlantis']);
    expect(d.layers[1]!.properties).toMatchObject({ country: 'Atlantis', description: 'An Atlantean movement (a claim of this dataset).' });
    expect(d.conflicts).toEqual([
      { property: 'description', values: [{ dataset: 'mini', value: 'The fictional hub organization of the fixture.' }, { dataset: 'atlantis', value: 'An Atlantean movement (a claim of this dataset).' }] },
      { property: 'founded', values: [{ dataset: 'mini', value: '1970-05' }, { dataset: 'atlantis', value: '1971' }] },
      { property: 'name', values: [{ dataset: 'mini', value: 'Northwind Movement' }, { dataset: 'atlantis', value: 'Northwind Movement of Atlantis' }] },
    ]);
    const leads = d.claims.flatMap((g) => g.claims).find((c) => c.id === 'c-leads')!;
    expect(leads.properties).not.toHaveProperty('_layers');
    expect(leads.conflicts?.map((c) => c.property)).toEqual(['quote', 'sourceId', 'start', 'status']);
    // One dataset alone: no layers, no conflicts.
    const gov = await entityDetail(deps(), 'org-gov');
    expect(gov.layers).toEqual([]);
    expect(gov.conflicts).toEqual([]);
  });
});
