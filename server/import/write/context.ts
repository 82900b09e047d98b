/**
 * The shared pipeline of the write strategies: the context one import is
 * written with, the strategy interface, record batches (nodes; claims
 * grouped by type), counting what each statement wrote into the summary with
 * progress, the write session, and the last step (the :Dataset node, commit).
 */
import type { Driver, QueryResult, Session } from 'neo4j-driver';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { cypher, statements } from '../../neo4j/cypher.ts';
import { validatedRecords, type DatasetPlan } from '../load.ts';
import { refreshDerived } from '../derived/index.ts';
import { Pipeline } from './pipeline.ts';
import { datasetProps, type Row } from './props.ts';
import type { ImportProgress, ImportSummary, StrategyName, WriteOptions } from './types.ts';

/** One import being written. */
export interface WriteContext {
  driver: Driver;
  plan: DatasetPlan;
  opts: WriteOptions;
  dataset: string;
  database: string | undefined;
  batchSize: number;
  /** Entities, sources and claims. */
  records: number;
  progress: (p: ImportProgress) => void;
  /** The summary, filled in as the import goes. */
  stats: ImportSummary;
  /** When the dataset was first imported, kept across `--replace` (merge-dataset.cypher); null: now. */
  since?: string | null;
}

/**
 * One way to write a validated dataset. The writer (../write.ts) applies the
 * schema and undoes an unfinished earlier import first, then picks the
 * strategy: the one named by `mode`, or for `auto` the first in its list
 * whose `suits` says yes.
 */
export interface WriteStrategy {
  readonly mode: StrategyName;
  /**
   * Writes the store offline and creates the schema itself, after (bulk):
   * the writer then neither applies the schema first nor looks for an
   * unfinished chunked import (the database is empty).
   */
  readonly offline?: boolean;
  /** For `mode: 'auto'`: whether this strategy should write this import. */
  suits(ctx: WriteContext): boolean | Promise<boolean>;
  /**
   * Writes the whole dataset, all or nothing, counting into `ctx.stats`
   * (`transactions`, `replaced`); throws an ImportError when it cannot write
   * this import (the database is then as it was).
   */
  write(ctx: WriteContext): Promise<void>;
}

export function toNumber(raw: unknown): number {
  return Number(typeof raw === 'object' && raw !== null && 'toNumber' in raw ? (raw as { toNumber(): number }).toNumber() : raw);
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

/** Whether dataset `name` is in the database (its :Dataset node or records). */
export async function datasetExists(ctx: WriteContext, name: string): Promise<boolean> {
  const res = await ctx.driver.executeQuery(cypher('datasets/exists'), { name }, { database: ctx.database, routing: 'READ' });
  return res.records[0]?.get('present') === true;
}

/** Entities and sources, in batches of `batchSize`: one pass over the files that hold them. */
export async function* nodeBatches(ctx: WriteContext): AsyncGenerator<(Entity | Source)[]> {
  let batch: (Entity | Source)[] = [];
  for await (const v of validatedRecords(ctx.plan, ['entities', 'sources'])) {
    batch.push(v as Entity | Source);
    if (batch.length >= ctx.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Claims, grouped by type, in batches of `batchSize`: every batch goes
 * through its type's own statement. A static type lets the planner expand
 * only that type's relationships between the two endpoints; with a dynamic
 * type (`[r:$(row.type)]`) it expands all of them and filters, which on a
 * graph with hubs wrote ~100 claims/s against ~1,000 (bench, 2k/20k dataset).
 */
export async function* claimBatches(ctx: WriteContext): AsyncGenerator<{ type: string; claims: Claim[] }> {
  const byType = new Map<string, Claim[]>();
  for await (const v of validatedRecords(ctx.plan, 'claims')) {
    const c = v as Claim;
    let list = byType.get(c.type);
    if (!list) byType.set(c.type, (list = []));
    list.push(c);
    if (list.length >= ctx.batchSize) {
      byType.set(c.type, []);
      yield { type: c.type, claims: list };
    }
  }
  for (const [type, claims] of byType) {
    if (claims.length) yield { type, claims };
  }
}

/** Adds what a statement wrote to the summary; fails when a claim could not be written. */
function countWritten(stats: ImportSummary, res: QueryResult, rows: number): void {
  const raw = res.records[0]?.has('written') ? (res.records[0].get('written') as unknown) : undefined;
  if (raw !== undefined && toNumber(raw) !== rows) {
    // A claim whose endpoint vanished since validation: fail rather than half-write.
    throw new Error(`${rows - toNumber(raw)} of ${rows} claims could not be written: an endpoint is missing from the database`);
  }
  addCounters(stats, res);
}

/** Adds what a statement created and set to the summary. */
export function addCounters(stats: ImportSummary, res: QueryResult): void {
  const c = res.summary.counters.updates();
  stats.nodesCreated += c.nodesCreated;
  stats.relationshipsCreated += c.relationshipsCreated;
  stats.propertiesSet += c.propertiesSet;
}

/**
 * Sends batches of rows (`UNWIND $rows`, with `$dataset` and `$run`) through
 * the pipeline, counting what each wrote and reporting progress per phase.
 */
export class RowSender {
  /** The phase's progress; a statement counts into the phase it was sent in, even when its result comes after the next phase began. */
  private current: { phase: 'entities' | 'claims'; total: number; done: number } = { phase: 'entities', total: 0, done: 0 };

  constructor(
    private readonly ctx: WriteContext,
    readonly pipe: Pipeline,
    /** A re-import's run id (chunked mode tags what it creates), else null. */
    private readonly run: string | null,
  ) {}

  /** Progress from now on: rows of `phase`, out of `total`. */
  begin(phase: 'entities' | 'claims', total: number): void {
    this.current = { phase, total, done: 0 };
  }

  /** Sends one batch; `then` sees the result once counted. Without `progress`, no progress is reported. */
  async send(text: string, rows: Row[], o: { then?: (res: QueryResult) => void; progress?: boolean } = {}): Promise<void> {
    const p = this.current;
    await this.pipe.send(text, { rows, dataset: this.ctx.dataset, run: this.run }, rows.length, (res) => {
      countWritten(this.ctx.stats, res, rows.length);
      o.then?.(res);
      if (o.progress === false) return;
      p.done += rows.length;
      this.ctx.progress({ phase: p.phase, done: p.done, total: p.total });
    });
  }

  /** Counts `rows` of the phase as done without sending them (deferred to the last transaction). */
  skip(rows: number): void {
    const p = this.current;
    p.done += rows;
    this.ctx.progress({ phase: p.phase, done: p.done, total: p.total });
  }
}

/**
 * Runs `body` with a write session and its pipeline (`txRows` rows per
 * transaction, 0: one). On failure, rolls back what is open, then calls
 * `undo` (which may replace the error), and rethrows.
 */
export async function inWriteSession(
  ctx: WriteContext,
  txRows: number,
  body: (pipe: Pipeline, session: Session) => Promise<void>,
  undo?: (err: unknown) => Promise<void>,
): Promise<void> {
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: 'WRITE' });
  // In chunks, a second session: a chunk's commit overlaps the next chunk (pipeline.ts).
  const second = txRows > 0 ? ctx.driver.session({ database: ctx.database, defaultAccessMode: 'WRITE' }) : undefined;
  const pipe = new Pipeline(session, { timeoutMs: ctx.opts.timeoutMs ?? 3_600_000, txRows, signal: ctx.opts.signal, afterChunk: ctx.opts.afterChunk }, second);
  try {
    await body(pipe, session);
  } catch (err) {
    await pipe.rollback();
    await undo?.(err);
    throw err;
  } finally {
    await session.close();
    await second?.close();
  }
}

/**
 * The last step of every transactional strategy: the :Dataset node, then the
 * commit of the last transaction (after `beforeCommit`); `committed` runs
 * right after it.
 */
export async function finishImport(ctx: WriteContext, pipe: Pipeline, committed?: () => void): Promise<void> {
  await pipe.run(cypher('import/merge-dataset'), datasetProps(ctx.plan, ctx.dataset, ctx.since ?? null));
  ctx.progress({ phase: 'commit', done: 0, total: 1 });
  await pipe.commitLast(ctx.opts.beforeCommit);
  committed?.();
  ctx.progress({ phase: 'commit', done: 1, total: 1 });
  ctx.stats.transactions = pipe.transactions;
  // Derived data (the dense index) follows the graph: every writer calls this once its data is committed.
  const t0 = performance.now();
  await refreshDerived(ctx.driver, { database: ctx.database, onProgress: (done, total) => ctx.progress({ phase: 'index', done, total }) });
  ctx.stats.derivedMs = Math.round(performance.now() - t0);
}
