/**
 * The dense index (server/import/derived/dense.ts, read by
 * server/reads/dense.ts) on a generated graph with hubs: every neighbourhood
 * answer with the index equals the answer computed in full without it (nodes,
 * claims in order, left-out summary, claims the edge cap left out), over hubs,
 * mid-size and typical centres, depths 1 and 2, several node and edge caps;
 * and the index follows the graph: after an import (which refreshes it), a
 * re-import with changes, and the removal of one of two datasets sharing
 * entities; a write that did not refresh it makes the reads fall back.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../../server/import/derived/index.ts';
import { removeDataset } from '../../server/import/replace.ts';
import { NeighborhoodQuery } from '../../server/kernel/contract.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { generateDataset, type GenerateManifest } from '../../server/generate/generate.ts';
import { denseHop, denseRank } from '../../server/reads/dense.ts';
import { neighborhood } from '../../server/reads/neighborhood.ts';
import { claimFilters } from '../../server/reads/subgraph.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Entities from this degree are dense in these tests (the default, 500, is for big graphs). */
const DEGREE = 60;
let dir: string;
let g: GenerateManifest;
let deps: Deps;
/** Centres by degree: the three largest, one near the dense degree, one below it. */
let hubs: string[] = [];
let mid = '';

const ask = (id: string, q: Record<string, unknown>) => neighborhood(deps, id, NeighborhoodQuery.parse(q));
const database = () => testNeo4j().database;

/** The answer as compared: amounts rounded (sums of the same amounts in another order). */
function comparable(n: Any) {
  const amounts = (rows: Any[]) => rows.map((r) => ({ ...r, amounts: (r.amounts ?? []).map((a: Any) => ({ ...a, total: Math.round(a.total * 100) / 100 })) }));
  return {
    nodes: (n.nodes as Any[]).map((x) => x.id).sort(),
    edges: (n.edges as Any[]).map((e) => e.id).sort(),
    truncated: n.truncated,
    leftOut: amounts(n.leftOut),
    edgesLeftOut: n.edgesLeftOut,
  };
}

/** Marks the index stale without changing it (what a write that did not refresh it does). */
const staleIndex = () => testDriver().executeQuery("MATCH (s:DenseState {key: 'state'}) SET s.valid = false", {}, { database: database() });

async function denseIds(): Promise<string[]> {
  return (await query<{ id: string }>('MATCH (x:DenseIndex) RETURN x.id AS id ORDER BY id')).map((r) => r.id);
}
async function entitiesFromDegree(degree: number): Promise<string[]> {
  return (await query<{ id: string }>('MATCH (n:Entity) WHERE COUNT { (n)--() } >= $degree RETURN n.id AS id ORDER BY id', { degree })).map((r) => r.id);
}

/** The requests compared: hubs, a mid-size and a typical centre, under several caps. */
function requests(): [string, Record<string, unknown>][] {
  const centres = [hubs[0]!, hubs[2]!, mid, g.typical.id];
  const qs = [{}, { limit: 5 }, { limit: 40, edgeLimit: 50 }, { limit: 150, edgeLimit: 300 }, { depth: 2, limit: 30, edgeLimit: 100 }, { types: 'FUNDED,MEMBER_OF' }];
  return centres.flatMap((c) => qs.map((q): [string, Record<string, unknown>] => [c, q]));
}

/** Every request with the index, then the same without it: equal answers. Returns how many the index answered. */
async function sameAnswers(): Promise<number> {
  const withIndex: Any[] = [];
  let indexed = 0;
  for (const [id, q] of requests()) {
    withIndex.push(comparable(await ask(id, q)));
    const room = Number(NeighborhoodQuery.parse(q).limit) - 1;
    if (await denseHop(deps, id, room, claimFilters(NeighborhoodQuery.parse(q)), null)) indexed++;
  }
  await staleIndex();
  const rs = requests();
  for (let i = 0; i < rs.length; i++) {
    const [id, q] = rs[i]!;
    expect(comparable(await ask(id, q)), `${id} ${JSON.stringify(q)}`).toEqual(withIndex[i]);
  }
  await refreshDerived(testDriver(), { database: database() });
  return indexed;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'claimgraph-dense-'));
  g = await generateDataset({ entities: 1500, claims: 15000, seed: 7, out: path.join(dir, 'big'), name: 'dense-big' });
  await resetDatabase();
  await importDataset(path.join(dir, 'big'));
  await refreshDerived(testDriver(), { database: database(), degree: DEGREE });
  deps = { driver: testDriver(), database: database(), config: testConfig(), log: createLogger('silent') };
  const byDegree = await query<{ id: string; d: number }>('MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id, COUNT { (n)--() } AS d ORDER BY d DESC, id');
  hubs = byDegree.slice(0, 3).map((r) => r.id);
  mid = byDegree.find((r) => r.d < DEGREE * 2)!.id;
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await closeTestDriver();
});

describe('dense index', () => {
  it('indexes exactly the entities from the degree, fresh at the graph counts', async () => {
    const dense = await entitiesFromDegree(DEGREE);
    expect(dense.length).toBeGreaterThan(5);
    expect(await denseIds()).toEqual(dense);
    const [state] = await query<Any>("MATCH (s:DenseState {key: 'state'}) RETURN s.valid AS valid, s.degree AS degree");
    expect(state).toEqual({ valid: true, degree: DEGREE });
    // The hub's ranked neighbours and ties, against a count over its claims.
    const hub = hubs[0]!;
    const [x] = await query<Any>('MATCH (x:DenseIndex {id: $hub}) RETURN x.rankIds[0..5] AS ids, x.rankTies[0..5] AS ties, x.neighbours AS neighbours', { hub });
    const live = await query<Any>(
      'MATCH (a:Entity {id: $hub})-[r]-(b:Entity) WHERE b <> a WITH b, count(r) AS ties ORDER BY ties DESC, b.id RETURN b.id AS id, ties',
      { hub },
    );
    expect(x!.ids).toEqual(live.slice(0, 5).map((r) => r.id));
    expect(x!.ties).toEqual(live.slice(0, 5).map((r) => r.ties));
    expect(x!.neighbours).toBe(live.length);
  });

  it('indexes every entity when many are dense: several write batches, from readers working in turn', async () => {
    // refreshDense reads two entities at a time and writes 20 per transaction: at a low degree, many batches.
    const low = 12;
    const dense = await entitiesFromDegree(low);
    expect(dense.length).toBeGreaterThan(60);
    try {
      await refreshDerived(testDriver(), { database: database(), degree: low });
      expect(await denseIds()).toEqual(dense);
      const rows = await query<Any>('MATCH (x:DenseIndex) RETURN x.idx AS idx, x.outPacked IS NOT NULL AND x.rankIds IS NOT NULL AS whole ORDER BY idx');
      expect(rows.map((r) => r.idx)).toEqual(dense.map((_, i) => i));
      expect(rows.every((r) => r.whole)).toBe(true);
    } finally {
      await refreshDerived(testDriver(), { database: database(), degree: DEGREE });
    }
    expect(await denseIds()).toEqual(await entitiesFromDegree(DEGREE));
  });

  it('gives the same neighbourhoods as the full computation (hubs, mid-size, typical; depths 1 and 2; node and edge caps)', async () => {
    const indexed = await sameAnswers();
    // The index answered the unfiltered first hops of the dense centres, and the edge cap around a hub.
    expect(indexed).toBeGreaterThan(10);
    const around = (await ask(hubs[0]!, { limit: 40, edgeLimit: 50 })).nodes.map((n) => n.id);
    expect(await denseRank(deps, around, claimFilters({}), 50, null)).toMatchObject({ rels: expect.any(Array) });
  }, 600_000);

  it('follows a re-import with changes: claims added, statuses changed', async () => {
    const claimsFile = path.join(dir, 'big', '03-claims.jsonl');
    const lines = (await readFile(claimsFile, 'utf8')).split('\n').filter(Boolean);
    const hub = hubs[0]!;
    const changed = lines.map((l, i) => {
      const c = JSON.parse(l) as Any;
      if (i % 7 === 0) c.status = c.status === 'documented' ? 'alleged' : 'documented';
      return JSON.stringify(c);
    });
    for (let i = 0; i < 40; i++) {
      const other = g.typicalOthers[i % g.typicalOthers.length]!.id;
      changed.push(JSON.stringify({ record: 'claim', id: `added-${i}`, type: 'FUNDED', from: other, to: hub, status: 'documented', quote: 'added', sourceId: JSON.parse(lines[0]!).sourceId, amount: 1000 + i, currency: 'USD' }));
    }
    await writeFile(claimsFile, changed.join('\n') + '\n');
    const before = (await query<Any>('MATCH (x:DenseIndex {id: $hub}) RETURN x.neighbours AS n, x.totalClaims AS c', { hub }))[0]!;
    await importDataset(path.join(dir, 'big'));
    const after = (await query<Any>('MATCH (x:DenseIndex {id: $hub}) RETURN x.neighbours AS n, x.totalClaims AS c', { hub }))[0]!;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(after.c)).toBe(sum(before.c) + 40);
    expect(await denseIds()).toEqual(await entitiesFromDegree(DEGREE));
    await sameAnswers();
  }, 600_000);

  it('follows the removal of one of two datasets sharing entities', async () => {
    const hub = hubs[0]!;
    const second = path.join(dir, 'second');
    const ids = [hub, hubs[1]!, hubs[2]!, g.typical.id];
    const source = { record: 'source', id: 'src-second', kind: 'source', name: 'Second source', sourceKind: 'report' };
    const claims = Array.from({ length: 90 }, (_, i) => ({
      record: 'claim',
      id: `second-${i}`,
      type: i % 2 ? 'ALLIED_WITH' : 'FUNDED',
      from: ids[i % 4],
      to: ids[(i + 1) % 4],
      status: i % 3 ? 'reported' : 'documented',
      quote: 'second',
      sourceId: 'src-second',
      ...(i % 2 ? {} : { amount: 50 + i, currency: 'EUR' }),
    }));
    const kindOf = new Map((await query<{ id: string; kind: string }>('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind', { ids })).map((r) => [r.id, r.kind]));
    await mkdir(second, { recursive: true });
    await writeFile(path.join(second, 'dataset.yaml'), 'name: dense-second\ntitle: Second dataset sharing hubs\ndescription: test\n');
    const entities = ids.map((id) => ({ record: 'entity', id, kind: kindOf.get(id)!, name: id }));
    await writeFile(path.join(second, '01-entities.jsonl'), entities.map((e) => JSON.stringify(e)).join('\n') + '\n');
    await writeFile(path.join(second, '02-sources.jsonl'), JSON.stringify(source) + '\n');
    await writeFile(path.join(second, '03-claims.jsonl'), claims.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const ties = async () => (await query<Any>('MATCH (x:DenseIndex {id: $hub}) RETURN x.totalClaims AS c', { hub }))[0]!.c.reduce((a: number, b: number) => a + b, 0);
    const alone = await ties();
    await importDataset(second);
    expect(await ties()).toBeGreaterThan(alone);
    await sameAnswers();
    await removeDataset(testDriver(), 'dense-second', { database: database() });
    expect(await ties()).toBe(alone);
    expect(await denseIds()).toEqual(await entitiesFromDegree(DEGREE));
    await sameAnswers();
  }, 600_000);

  it('is not used once the graph changed without a refresh', async () => {
    const hub = hubs[0]!;
    expect(await denseHop(deps, hub, 10, claimFilters({}), null)).toBeDefined();
    await testDriver().executeQuery("MATCH (a:Entity {id: $hub}), (b:Entity {id: $other}) CREATE (a)-[:FUNDED {id: 'unrefreshed', status: 'documented', datasets: ['dense-big']}]->(b)", { hub, other: g.typical.id }, { database: database() });
    expect(await denseHop(deps, hub, 10, claimFilters({}), null)).toBeUndefined();
    const answer = await ask(hub, { limit: 500 });
    expect(answer.nodes.map((n) => n.id)).toContain(g.typical.id);
    await refreshDerived(testDriver(), { database: database() });
    expect(await denseHop(deps, hub, 10, claimFilters({}), null)).toBeDefined();
  });
});
