/**
 * The dense index: for every entity with at least DENSE_DEGREE claims (a
 * supernode), what a neighbourhood request would otherwise rank over all its
 * claims, computed once after each write of the graph (the importer's last
 * step, dataset removal) and kept on one `:DenseIndex` node per dense entity:
 *
 * - its first RANK_K neighbours by ties (claims with it, any type, either
 *   direction), most first then by id, each with its claims per type and its
 *   amounts per type and currency: the first hop of its neighbourhood reads
 *   them instead of ranking ~40,000 neighbours over ~137,000 claims;
 * - over all its neighbours, claims and distinct neighbours per type and
 *   amounts per type and currency: the hop's left-out summary is these less
 *   what the kept neighbours hold (exact);
 * - its claims to other dense entities, one group per end and type with the
 *   number of claims and the strongest one (the edge cap's ranking key, and
 *   the claim's element id), packed with the group's rank among all
 *   dense-to-dense groups (outProps): the edge cap over a set of nodes takes
 *   the dense-to-dense part from here (integers compared in Node, not 26,812
 *   groups ranked in Cypher) and expands only the other members, each below
 *   DENSE_DEGREE claims.
 *
 * A `:DenseState` node records the degree used and the entity and
 * relationship counts the index was computed at: the reads use the index only
 * while those still match (server/reads/dense.ts), so a write that did not
 * refresh it (another tool, an interrupted refresh) falls back to the full
 * computation instead of a stale answer. A refresh marks it invalid first.
 * Neither label is :Entity and neither node has a relationship, so no read
 * of the graph, no export and no degree count sees them.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { isFinancial, RELATION_TYPES } from '../../model/vocabulary.ts';
import { cypher, statements } from '../../neo4j/cypher.ts';

/** Claims (any type, either direction) from which an entity is dense. */
export const DENSE_DEGREE = 500;
/** Neighbours kept ranked per dense entity: a first hop keeping more than RANK_K - 1 is computed in full. */
export const RANK_K = 1000;
/** Dense entities written per transaction. */
const WRITE_BATCH = 20;
/**
 * Dense entities read at once: each read is one query on one Neo4j thread, so
 * two use both cores of the development machine. At 100k/1M (273 dense
 * entities): 7.3 → 6.0 s on a warm store, 12.5 → 11.1 s after a bulk load,
 * 12.8 → 12.3 s after a transactional import (docs/benchmarks.md 1b).
 */
const READ_CONCURRENCY = 2;

const MONEY = RELATION_TYPES.filter(isFinancial);

export interface DenseOptions {
  database?: string;
  /** The degree from which an entity is dense; default: the one the index was last computed with, else DENSE_DEGREE. */
  degree?: number;
  /** Progress, per dense entity done. */
  onProgress?: (done: number, total: number) => void;
}

export interface DenseSummary {
  degree: number;
  /** Dense entities indexed. */
  dense: number;
  ms: number;
}

const num = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v));

interface TypeCount {
  type: string;
  claims: unknown;
  money: ({ currency: string; total: unknown } | null)[];
}
interface Ranked {
  id: string;
  ties: unknown;
  byType: TypeCount[];
}
interface Group {
  b: string;
  type: string;
  claims: unknown;
  key: string;
  best: string;
}

/** One dense entity's record (dense-entity.cypher) as the flat lists of its :DenseIndex node (Neo4j stores no maps). */
export function indexProps(rec: {
  ranked: Ranked[];
  neighbours: unknown;
  totals: { type: string; claims: unknown; nodes: unknown }[];
  money: { type: string; currency: string; total: unknown }[];
}): Record<string, unknown> {
  const p = {
    neighbours: num(rec.neighbours),
    rankIds: [] as string[],
    rankTies: [] as number[],
    rankTypeCount: [] as number[],
    rankTypes: [] as string[],
    rankTypeClaims: [] as number[],
    rankMoneyCount: [] as number[],
    rankMoneyTypes: [] as string[],
    rankMoneyCurrencies: [] as string[],
    rankMoneyTotals: [] as number[],
    totalTypes: rec.totals.map((t) => String(t.type)),
    totalClaims: rec.totals.map((t) => num(t.claims)),
    totalNodes: rec.totals.map((t) => num(t.nodes)),
    moneyTypes: [] as string[],
    moneyCurrencies: [] as string[],
    moneyTotals: [] as number[],
  };
  for (const m of rec.money) {
    const total = num(m.total);
    if (!Number.isFinite(total)) continue;
    p.moneyTypes.push(String(m.type));
    p.moneyCurrencies.push(String(m.currency));
    p.moneyTotals.push(total);
  }
  for (const r of rec.ranked) {
    p.rankIds.push(String(r.id));
    p.rankTies.push(num(r.ties));
    p.rankTypeCount.push(r.byType.length);
    let moneys = 0;
    for (const t of r.byType) {
      p.rankTypes.push(String(t.type));
      p.rankTypeClaims.push(num(t.claims));
      for (const m of t.money) {
        if (!m || !m.currency || !Number.isFinite(num(m.total))) continue;
        p.rankMoneyTypes.push(String(t.type));
        p.rankMoneyCurrencies.push(String(m.currency));
        p.rankMoneyTotals.push(num(m.total));
        moneys++;
      }
    }
    p.rankMoneyCount.push(moneys);
  }
  // Amounts as floats: a Neo4j list property holds one type.
  return { ...p, rankMoneyTotals: p.rankMoneyTotals.map((x) => x + 0.0), moneyTotals: p.moneyTotals.map((x) => x + 0.0) };
}

/** Bytes per group in `outPacked`: end (u32, its index among the dense entities), type (u8), claims (u32), rank (u32). */
export const PACKED_GROUP = 13;

/**
 * Each dense entity's claims to dense entities (one group per end and type)
 * as the lists the edge cap reads (server/reads/dense.ts): `outPacked`, the
 * groups packed (PACKED_GROUP bytes each; the rank is the group's place among
 * all dense-to-dense groups by the ranking key, so that the read compares
 * integers), and `outKey` / `outBest` at the same positions (the key and the
 * strongest claim's element id, read only for the groups kept).
 */
export function outProps(dense: string[], groups: Group[][]): Record<string, unknown>[] {
  const at = new Map(dense.map((id, i) => [id, i]));
  const types = new Map<string, number>(RELATION_TYPES.map((t, i) => [t, i]));
  const all: { u: number; k: number; key: string; best: string }[] = [];
  groups.forEach((gs, u) => gs.forEach((g, k) => all.push({ u, k, key: String(g.key), best: String(g.best) })));
  // The ranking key of reads/subgraph-rank: [key, element id], compared as Cypher compares strings (UTF-16 code units).
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.best < b.best ? -1 : a.best > b.best ? 1 : 0));
  const rank = groups.map((gs) => new Array<number>(gs.length));
  all.forEach((x, r) => (rank[x.u]![x.k] = r));
  return groups.map((gs, u) => {
    const packed = new Uint8Array(gs.length * PACKED_GROUP);
    const view = new DataView(packed.buffer);
    gs.forEach((g, k) => {
      const o = k * PACKED_GROUP;
      view.setUint32(o, at.get(String(g.b)) ?? 0xffffffff, true);
      view.setUint8(o + 4, types.get(String(g.type)) ?? 0xff);
      view.setUint32(o + 5, num(g.claims), true);
      view.setUint32(o + 9, rank[u]![k]!, true);
    });
    // Int8Array: what the driver sends as a byte array (a Uint8Array would go as a list of floats).
    return { outPacked: new Int8Array(packed.buffer), outKey: gs.map((g) => String(g.key)), outBest: gs.map((g) => String(g.best)) };
  });
}

async function run(driver: Driver, database: string | undefined, text: string, params: Record<string, unknown>, routing: 'READ' | 'WRITE' = 'WRITE') {
  return driver.executeQuery(text, params, { database, routing });
}

/**
 * Recomputes the dense index of the whole graph (see the module comment):
 * marks it invalid, writes the :DenseIndex node of every dense entity,
 * deletes those of entities no longer dense, and marks it valid at the
 * current entity and relationship counts.
 */
export async function refreshDense(driver: Driver, opts: DenseOptions = {}): Promise<DenseSummary> {
  const t0 = performance.now();
  const { database } = opts;
  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  try {
    for (const s of statements('derived/dense-schema')) await session.run(s);
  } finally {
    await session.close();
  }
  const stored = (await run(driver, database, cypher('derived/dense-settings'), {}, 'READ')).records[0]?.get('degree') as unknown;
  const degree = Math.max(1, Math.floor(opts.degree ?? (stored !== null && stored !== undefined ? num(stored) : DENSE_DEGREE)));
  const ints = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, neo4j.int(v)]));
  await run(driver, database, cypher('derived/dense-state'), { ...ints({ degree, entities: -1, relationships: -1, rankK: RANK_K }), valid: false });
  const ids = (await run(driver, database, cypher('derived/dense-ids'), ints({ degree }), 'READ')).records[0]!;
  const dense = ids.get('dense') as string[];
  let batch: { id: string; props: Record<string, unknown> }[] = [];
  let statement = cypher('derived/dense-write');
  const flush = async () => {
    // Taken before the write: the other reader may add rows while it runs.
    const rows = batch;
    batch = [];
    if (rows.length) await run(driver, database, statement, { rows });
  };
  const groups: Group[][] = dense.map(() => []);
  // READ_CONCURRENCY readers take the next entity in turn (one query runs on one
  // Neo4j thread); a full batch is written by whichever reader filled it.
  let next = 0;
  let done = 0;
  const reader = async () => {
    try {
      for (let i = next++; i < dense.length; i = next++) {
        const res = await run(driver, database, cypher('derived/dense-entity'), { id: dense[i], dense, money: MONEY, rankK: neo4j.int(RANK_K) }, 'READ');
        const rec = res.records[0];
        groups[i] = (rec?.get('groups') as Group[] | undefined) ?? [];
        if (rec) batch.push({ id: dense[i]!, props: { ...indexProps(rec.toObject() as Parameters<typeof indexProps>[0]), idx: neo4j.int(i) } });
        if (batch.length >= WRITE_BATCH) await flush();
        opts.onProgress?.(++done, dense.length);
      }
    } catch (err) {
      next = dense.length; // the other reader stops after its current entity
      throw err;
    }
  };
  // Settled, not all: a failure returns once no reader is still writing.
  const failed = (await Promise.allSettled(Array.from({ length: Math.min(READ_CONCURRENCY, dense.length) }, reader))).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  await flush();
  statement = cypher('derived/dense-write-out');
  for (const [i, out] of outProps(dense, groups).entries()) {
    batch.push({ id: dense[i]!, props: out });
    if (batch.length >= WRITE_BATCH) await flush();
  }
  await flush();
  await run(driver, database, cypher('derived/dense-prune'), { dense });
  // The counts as they are now: a write between the id list and here makes the reads fall back (never a stale answer).
  const after = (await run(driver, database, cypher('derived/counts'), {}, 'READ')).records[0]!;
  const same = num(after.get('entities')) === num(ids.get('entities')) && num(after.get('relationships')) === num(ids.get('relationships'));
  await run(driver, database, cypher('derived/dense-state'), {
    ...ints({ degree, entities: num(ids.get('entities')), relationships: num(ids.get('relationships')), rankK: RANK_K }),
    valid: same,
  });
  return { degree, dense: dense.length, ms: Math.round(performance.now() - t0) };
}
