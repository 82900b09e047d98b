/**
 * Datasets side by side: a CSV dataset and an FtM dataset that mention the
 * same entity id merge into one node; every node and claim records the
 * datasets it came from; `replace` removes what one dataset contributed and
 * only that, in one transaction (with the re-import when there is one).
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/kernel/log.ts';
import { schemaInfo } from '../../server/reads/schema.ts';
import { DatasetValidationError, importDataset, removeDataset } from '../../server/import/index.ts';
import { closeTestDriver, counts, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const ALPHA = 'tests/fixtures/csv/alpha';
const BETA = 'tests/fixtures/ftm/beta.ftm.json';
const temps: string[] = [];

const run = (target: string, opts: Parameters<typeof importDataset>[2] = {}) => importDataset(testDriver(), target, { database: testNeo4j().database, ...opts });

beforeEach(resetDatabase);
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
  await closeTestDriver();
});

async function datasetsOf() {
  const nodes = await query<{ id: string; datasets: string[] }>('MATCH (n:Entity) RETURN n.id AS id, n.datasets AS datasets ORDER BY id');
  const claims = await query<{ id: string; datasets: string[] }>('MATCH ()-[r]->() RETURN r.id AS id, r.datasets AS datasets ORDER BY id');
  return { nodes: Object.fromEntries(nodes.map((n) => [n.id, n.datasets])), claims: Object.fromEntries(claims.map((c) => [c.id, c.datasets])) };
}

async function listed() {
  const info = await schemaInfo({ driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') });
  return info.datasets;
}

describe('datasets side by side', () => {
  it('merges an entity two datasets mention, and records every contributor', async () => {
    await run(ALPHA);
    const beta = await run(BETA, { name: 'beta' });
    // NK-pay's payer (o-front) is alpha's: the database has it, so the claim is kept.
    expect(beta.counts).toMatchObject({ entities: 2, sources: 1, claims: 2 });
    expect(beta.notes.dangling.count).toBe(0);
    const urlSource = (await query<{ id: string }>('MATCH (s:Source) WHERE s.url IS NOT NULL RETURN s.id AS id'))[0]!.id;
    expect(await datasetsOf()).toEqual({
      nodes: { 'NK-lab': ['beta'], 'o-front': ['alpha'], 'o-hub': ['alpha'], 'p-ada': ['alpha', 'beta'], 's-alpha': ['alpha'], [urlSource]: ['beta'] },
      claims: { 'NK-own': ['beta'], 'NK-pay': ['beta'], 'c-front': ['alpha'], 'c-leads': ['alpha'] },
    });
    // One node, with what both said.
    const [ada] = await query<{ n: Record<string, unknown> }>('MATCH (n:Entity {id: "p-ada"}) RETURN properties(n) AS n');
    expect(ada!.n).toMatchObject({ name: 'Ada Quill', aliases: ['Ada Q.', 'Ada Quillova'], description: 'Leader of the fictional movement.', born: '1961-03-04', ftm_datasets: ['beta_register'] });
    expect(await listed()).toEqual([
      { name: 'alpha', title: 'Alpha (CSV, fictional)', nodes: 4, claims: 2, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 2 } },
      { name: 'beta', title: 'beta.ftm.json', nodes: 3, claims: 2, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 2 } },
    ]);
  });

  it('an FtM dataset alone skips (and reports) the claim whose payer is not there', async () => {
    const beta = await run(BETA, { name: 'beta' });
    expect(beta.counts.claims).toBe(1);
    expect(beta.notes.claimsSkipped).toEqual({ 'an endpoint is in neither the file nor the database': { count: 1, examples: ['NK-pay'] } });
    expect(beta.notes.dangling).toEqual({ count: 1, ids: ['o-front'], byProperty: { payer: 1 } });
    expect((await counts()).relationships).toBe(1);
  });

  it('replace removes what one dataset contributed, and only that', async () => {
    await run(ALPHA);
    await run(BETA, { name: 'beta' });
    const removed = await removeDataset(testDriver(), 'alpha', { database: testNeo4j().database });
    // c-leads, c-front; o-hub and s-alpha (alpha's alone, no claim left). o-front stays: beta's NK-pay uses it.
    expect(removed).toEqual({ dataset: 'alpha', found: true, claimsDeleted: 2, nodesDeleted: 2 });
    const urlSource = (await query<{ id: string }>('MATCH (s:Source) WHERE s.url IS NOT NULL RETURN s.id AS id'))[0]!.id;
    expect(await datasetsOf()).toEqual({
      nodes: { 'NK-lab': ['beta'], 'o-front': ['beta'], 'p-ada': ['beta'], [urlSource]: ['beta'] },
      claims: { 'NK-own': ['beta'], 'NK-pay': ['beta'] },
    });
    expect(await listed()).toEqual([{ name: 'beta', title: 'beta.ftm.json', nodes: 4, claims: 2, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 2 } }]);
    expect(await removeDataset(testDriver(), 'alpha', { database: testNeo4j().database })).toEqual({ dataset: 'alpha', found: false, claimsDeleted: 0, nodesDeleted: 0 });
    // Removing the other leaves nothing.
    await removeDataset(testDriver(), 'beta', { database: testNeo4j().database });
    expect(await counts()).toEqual({ nodes: 0, relationships: 0 });
  });

  it('replace with a new version swaps it in one transaction', async () => {
    await run(ALPHA);
    await run(BETA, { name: 'beta' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-alpha-'));
    temps.push(dir);
    await cp(ALPHA, dir, { recursive: true });
    // Version 2: c-front and o-hub's description are gone, a new claim comes.
    await writeFile(path.join(dir, 'entities.csv'), 'id,kind,name\np-ada,person,Ada Quill\no-hub,organization,Northwind Movement\no-front,organization,Northwind Friends\n');
    await writeFile(path.join(dir, 'claims.csv'), 'id,from,type,to,sourceId,status,quote\nc-leads,p-ada,LEADS,o-hub,s-alpha,documented,Ada Quill leads the movement.\nc-allied,o-front,ALLIED_WITH,o-hub,s-alpha,alleged,The Friends are allied with the movement.\n');
    const s = await run(dir, { replace: 'alpha' });
    expect(s.replaced).toEqual({ dataset: 'alpha', found: true, claimsDeleted: 2, nodesDeleted: 2 });
    const d = await datasetsOf();
    expect(d.claims).toMatchObject({ 'c-leads': ['alpha'], 'c-allied': ['alpha'], 'NK-own': ['beta'], 'NK-pay': ['beta'] });
    expect(d.claims).not.toHaveProperty('c-front');
    // Datasets in layer order: alpha was imported first, and a --replace keeps its place (its since).
    expect(d.nodes).toMatchObject({ 'p-ada': ['alpha', 'beta'], 'o-front': ['alpha', 'beta'], 'o-hub': ['alpha'] });
    const [hub] = await query<{ description: string; status: string }>('MATCH (n {id: "o-hub"})<-[r {id: "c-leads"}]-() RETURN n.description AS description, r.status AS status');
    expect(hub).toEqual({ description: '', status: 'documented' });
  });

  it('a replace whose import fails leaves the database as it was', async () => {
    await run(ALPHA);
    const before = await datasetsOf();
    await expect(
      run(ALPHA, {
        replace: 'alpha',
        beforeCommit: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await datasetsOf()).toEqual(before);
    expect(await listed()).toHaveLength(1);
  });

  it('a new version may not lean on an entity only its old version had', async () => {
    await run(ALPHA);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-alpha-'));
    temps.push(dir);
    await cp(ALPHA, dir, { recursive: true });
    // o-front is no longer defined, but c-front still points at it.
    await writeFile(path.join(dir, 'entities.csv'), 'id,kind,name\np-ada,person,Ada Quill\no-hub,organization,Northwind Movement\n');
    const err = await run(dir, { replace: 'alpha' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetValidationError);
    expect((err as DatasetValidationError).issues).toEqual([expect.objectContaining({ line: 3, column: 'from', message: expect.stringContaining('"o-front"') })]);
    // Without replace the old o-front is still there to point at: the new version imports in full, on top.
    const again = await run(dir);
    expect(again).toMatchObject({ dataset: 'alpha', counts: { entities: 2, sources: 1, claims: 2 }, nodesCreated: 0, relationshipsCreated: 0 });
    expect(again.notes.dangling.count).toBe(0);
    const [front] = await query<{ claims: number }>('MATCH (:Entity {id: "o-front"})-[r:PART_OF {id: "c-front"}]->(:Entity {id: "o-hub"}) RETURN count(r) AS claims');
    expect(front!.claims).toBe(1);
    const [entities] = await query<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');
    expect(entities!.n).toBe(4);
    expect((await counts()).relationships).toBe(2);
  });
});
