/**
 * Writes a validated dataset to Neo4j in batches (`UNWIND $rows ... MERGE`).
 *
 * Atomicity: the schema statements run first (each idempotent); then every
 * batch of the dataset runs inside ONE explicit write transaction, committed
 * only after the last batch. Any failure (a constraint, a lost connection, a
 * timeout, Ctrl+C) rolls the whole transaction back, so the database is left
 * exactly as it was. The transaction's size is bounded by the server's
 * per-transaction memory limit (NEO4J_TX_MEMORY_MAX for the local Neo4j);
 * a dataset too large for it fails cleanly, writing nothing.
 */
import type { Driver, ManagedTransaction, Transaction } from 'neo4j-driver';
import type { Claim, Entity, Source } from '../model/dataset.ts';
import { dateBounds } from '../model/dates.ts';
import { KIND_LABELS, type EntityKind } from '../model/kinds.ts';
import { cypher, statements, withType } from '../neo4j/cypher.ts';

/** Below this many claims of one type, a type shares the dynamic-type statement. */
const SMALL_BATCH = 1000;
import { validatedRecords, type DatasetCounts, type DatasetPlan } from './load.ts';
import type { DatasetNotes } from './notes.ts';
import { removeDatasetIn, type RemovalSummary } from './replace.ts';

export interface ImportProgress {
  phase: 'schema' | 'entities' | 'claims' | 'commit';
  done: number;
  total: number;
}

export interface ImportSummary {
  dataset: string;
  counts: DatasetCounts;
  /** What was skipped or folded into properties, and dangling references. */
  notes: DatasetNotes;
  /** What `replace` removed first, in the same transaction. */
  replaced?: RemovalSummary;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  ms: number;
}

export interface WriteOptions {
  database?: string;
  batchSize?: number;
  /**
   * Timeout of the import transaction (default one hour). The server's
   * default transaction timeout (30 s on the local Neo4j) is meant for
   * interactive queries, not for a bulk import.
   */
  timeoutMs?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Remove this dataset's contribution first, in the same transaction (`--replace`). */
  replace?: string;
  /** Called before commit; tests use it to fail mid-way. */
  beforeCommit?: () => Promise<void> | void;
}

type Props = Record<string, unknown>;

function flatten(extra: Record<string, unknown> | undefined, into: Props): void {
  if (!extra) return;
  for (const [k, v] of Object.entries(extra)) {
    if (k in into) continue; // core fields win
    // Neo4j lists must be homogeneous: mixed lists are stored as strings.
    if (Array.isArray(v) && new Set(v.map((x) => typeof x)).size > 1) into[k] = v.map(String);
    else into[k] = v;
  }
}

function compact(p: Props): Props {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

export function entityProps(e: Entity | Source, dataset: string): Props {
  const { properties, ...core } = e;
  const props: Props = compact({ ...core, datasets: [dataset] });
  flatten(properties, props);
  return props;
}

/**
 * What a node or claim shared with another dataset gains from this one: the
 * non-empty fields, not its name, kind or id (those stay as the first dataset
 * gave them; see cypher/import/merge-entities.cypher).
 */
export function mergeProps(p: Props): Props {
  return Object.fromEntries(
    Object.entries(p).filter(
      ([k, v]) => !['id', 'kind', 'name', 'aliases', 'datasets'].includes(k) && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function claimProps(c: Claim, dataset: string): Props {
  const { properties, from: _from, to: _to, type: _type, ...core } = c;
  const points = [c.date, c.start, c.end].filter((d): d is string => d !== undefined);
  const props: Props = compact({
    ...core,
    dateMin: points.length ? points.map((d) => dateBounds(d).min).sort()[0] : undefined,
    dateMax: points.length ? points.map((d) => dateBounds(d).max).sort().at(-1) : undefined,
    datasets: [dataset],
  });
  flatten(properties, props);
  return props;
}

export async function applySchema(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const s of statements('schema')) await session.run(s);
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

async function runBatch(tx: Transaction | ManagedTransaction, text: string, rows: Props[], dataset: string, stats: ImportSummary) {
  const res = await tx.run(text, { rows, dataset });
  const raw = res.records[0]?.has('written') ? (res.records[0].get('written') as unknown) : undefined;
  const written = raw === undefined ? undefined : Number(typeof raw === 'object' && raw !== null && 'toNumber' in raw ? (raw as { toNumber(): number }).toNumber() : raw);
  if (written !== undefined && written !== rows.length) {
    // A claim whose endpoint vanished since validation: fail (and roll back) rather than half-write.
    throw new Error(`${rows.length - written} of ${rows.length} claims could not be written: an endpoint is missing from the database`);
  }
  const c = res.summary.counters.updates();
  stats.nodesCreated += c.nodesCreated;
  stats.relationshipsCreated += c.relationshipsCreated;
  stats.propertiesSet += c.propertiesSet;
}

export async function writeDataset(driver: Driver, plan: DatasetPlan, opts: WriteOptions = {}): Promise<ImportSummary> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? 5000;
  const dataset = plan.meta.name;
  const progress = opts.onProgress ?? (() => {});
  const stats: ImportSummary = { dataset, counts: plan.counts, notes: plan.notes, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: 0 };

  progress({ phase: 'schema', done: 0, total: 1 });
  await applySchema(driver, opts.database);
  progress({ phase: 'schema', done: 1, total: 1 });

  const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' });
  const tx = session.beginTransaction({ timeout: opts.timeoutMs ?? 3_600_000 });
  try {
    if (opts.replace) stats.replaced = await removeDatasetIn(tx, opts.replace);
    const entityTotal = plan.counts.entities + plan.counts.sources;
    let done = 0;
    let rows: Props[] = [];
    const flush = async (statement: string, phase: 'entities' | 'claims', total: number) => {
      if (!rows.length) return;
      await runBatch(tx, cypher(statement), rows, dataset, stats);
      done += rows.length;
      rows = [];
      progress({ phase, done, total });
    };
    for (const section of ['entities', 'sources'] as const) {
      for await (const v of validatedRecords(plan, section)) {
        const e = v as Entity | Source;
        const props = entityProps(e, dataset);
        rows.push({ id: e.id, label: KIND_LABELS[e.kind as EntityKind], props, merge: mergeProps(props), names: [e.name, ...e.aliases] });
        if (rows.length >= batchSize) await flush('import/merge-entities', 'entities', entityTotal);
      }
    }
    await flush('import/merge-entities', 'entities', entityTotal);

    // Claims: a full batch of one type goes through that type's own statement
    // (a static type lets the planner expand dense nodes efficiently: the
    // 1M-claim benchmark stalled with dynamic types). What is left at the end,
    // a few claims of many types, goes through one dynamic-type statement, so a
    // small dataset compiles one statement instead of one per type.
    done = 0;
    const byType = new Map<string, Props[]>();
    const flushType = async (type: string, batch: Props[]) => {
      await runBatch(tx, withType(cypher('import/merge-claims-typed'), type), batch, dataset, stats);
      done += batch.length;
      progress({ phase: 'claims', done, total: plan.counts.claims });
    };
    for await (const v of validatedRecords(plan, 'claims')) {
      const c = v as Claim;
      const props = claimProps(c, dataset);
      const batch = byType.get(c.type) ?? [];
      batch.push({ id: c.id, type: c.type, from: c.from, to: c.to, props, merge: mergeProps(props) });
      byType.set(c.type, batch);
      if (batch.length >= batchSize) {
        byType.set(c.type, []);
        await flushType(c.type, batch);
      }
    }
    for (const [type, batch] of byType) {
      if (batch.length >= SMALL_BATCH) await flushType(type, batch);
      else {
        rows.push(...batch);
        if (rows.length >= batchSize) await flush('import/merge-claims', 'claims', plan.counts.claims);
      }
    }
    await flush('import/merge-claims', 'claims', plan.counts.claims);

    await tx.run(cypher('import/merge-dataset'), {
      name: dataset,
      title: plan.meta.title,
      description: plan.meta.description,
      license: plan.meta.license ?? null,
      folder: plan.folder,
      formats: [...new Set(plan.inputs.map((i) => i.format))],
    });
    progress({ phase: 'commit', done: 0, total: 1 });
    await opts.beforeCommit?.();
    await tx.commit();
    progress({ phase: 'commit', done: 1, total: 1 });
  } catch (err) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw err;
  } finally {
    await session.close();
  }
  stats.ms = Math.round(performance.now() - t0);
  return stats;
}

/** Ids among `ids` that exist in the database already (and would survive removing dataset `without`). */
export async function existingIds(driver: Driver, ids: string[], database?: string, without?: string): Promise<Set<string>> {
  const res = await driver.executeQuery(cypher('import/existing-ids'), { ids, without: without ?? null }, { database, routing: 'READ' });
  return new Set(res.records.map((r) => r.get('id') as string));
}
