/**
 * Writes a validated dataset to Neo4j, all or nothing, through one of its
 * strategies (write/): atomic (one transaction, write/atomic.ts), chunked
 * (committed chunks undone on failure, write/chunked.ts), or bulk (an empty
 * local database filled offline by Neo4j's own importer, write/bulk.ts),
 * the transactional ones over a shared
 * pipeline (write/context.ts: batches, counting, progress, summary;
 * write/props.ts: the properties of every record; write/pipeline.ts: the
 * statements in flight and the transactions).
 *
 * Before a transactional strategy: the schema statements (each idempotent),
 * and an earlier chunked import of the dataset that did not finish is undone
 * (write/import-run.ts); the bulk strategy creates the schema after its load.
 * The default (`mode: 'auto'`) is bulk into an empty local database
 * (`offline`), else atomic up to AUTO_CHUNK_ABOVE records or with `replace`,
 * chunked above.
 */
import type { Driver } from 'neo4j-driver';
import { cypher } from '../neo4j/cypher.ts';
import type { DatasetPlan } from './load.ts';
import { atomic } from './write/atomic.ts';
import { bulk } from './write/bulk.ts';
import { chunked } from './write/chunked.ts';
import { applySchema, type WriteContext, type WriteStrategy } from './write/context.ts';
import { undoUnfinishedRuns } from './write/import-run.ts';
import { ImportError, type ImportSummary, type WriteMode, type WriteOptions } from './write/types.ts';

export { applySchema } from './write/context.ts';
export { claimProps, datasetProps, entityProps, mergeProps } from './write/props.ts';
export {
  AUTO_CHUNK_ABOVE,
  DEFAULT_TX_ROWS,
  ImportError,
  type ImportProgress,
  type ImportSummary,
  type OfflineStore,
  type WriteMode,
  type WriteOptions,
} from './write/types.ts';

/** The strategies, in the order `auto` asks them (`suits`); the last suits every import. */
const STRATEGIES: readonly WriteStrategy[] = [bulk, chunked, atomic];

async function chooseStrategy(ctx: WriteContext, requested: WriteMode): Promise<WriteStrategy> {
  if (requested !== 'auto') {
    const named = STRATEGIES.find((s) => s.mode === requested);
    if (!named) throw new ImportError(`Unknown write mode "${String(requested)}" (${STRATEGIES.map((s) => s.mode).join(', ')} or auto)`);
    return named;
  }
  for (const s of STRATEGIES) if (await s.suits(ctx)) return s;
  return STRATEGIES[STRATEGIES.length - 1]!;
}

export async function writeDataset(driver: Driver, plan: DatasetPlan, opts: WriteOptions = {}): Promise<ImportSummary> {
  const t0 = performance.now();
  const dataset = plan.meta.name;
  const ctx: WriteContext = {
    driver,
    plan,
    opts,
    dataset,
    database: opts.database,
    batchSize: opts.batchSize ?? 5000,
    records: plan.counts.entities + plan.counts.sources + plan.counts.claims,
    progress: opts.onProgress ?? (() => {}),
    stats: { dataset, counts: plan.counts, notes: plan.notes, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: 0 },
  };
  const strategy = await chooseStrategy(ctx, opts.mode ?? (opts.txRows !== undefined ? 'chunked' : 'auto'));
  if (!strategy.offline) {
    await opts.bulkPrepared?.discard(); // files started for a bulk load that will not happen
    ctx.progress({ phase: 'schema', done: 0, total: 1 });
    await applySchema(driver, ctx.database);
    ctx.progress({ phase: 'schema', done: 1, total: 1 });
    await undoUnfinishedRuns(ctx);
  }
  ctx.stats.mode = strategy.mode;
  await strategy.write(ctx);
  ctx.stats.ms = Math.round(performance.now() - t0);
  return ctx.stats;
}

/** Ids among `ids` that exist in the database already (and would survive removing dataset `without`). */
export async function existingIds(driver: Driver, ids: string[], database?: string, without?: string): Promise<Set<string>> {
  const res = await driver.executeQuery(cypher('import/existing-ids'), { ids, without: without ?? null }, { database, routing: 'READ' });
  return new Set(res.records.map((r) => r.get('id') as string));
}
