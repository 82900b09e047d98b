/**
 * The :ImportRun marker of a chunked import: committed before its first
 * chunk, ended in its last transaction. What the chunks write stays
 * invisible until then (:ImportingEntity nodes, published by the last
 * transaction: cypher/import/publish-run.cypher), so a killed import never
 * shows partial data; it is undone (its nodes and their claims deleted, in
 * batches) by the next import of any dataset, or when the server starts
 * (`undoAbandonedImports`), unless it may still be running.
 *
 * Whether it still runs: the marker holds nothing about where (no host, no
 * pid: anyone with ad-hoc Cypher reads the graph). The importer writes a
 * heartbeat into it every 15 s, and keeps its pid in a local file
 * (`<tmp>/claimgraph-import-runs/<run>.json`, removed when it ends). A run
 * is over when that file says its process is gone, or when its heartbeat is
 * older than STALE_AFTER_S (an import on another machine, or whose file
 * was lost).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver, Session } from 'neo4j-driver';
import { pidAlive } from '../../kernel/pid.ts';
import { KIND_LABELS } from '../../model/kinds.ts';
import { cypher, statements } from '../../neo4j/cypher.ts';
import { toNumber } from './context.ts';
import type { Pipeline } from './pipeline.ts';
import { ImportError } from './types.ts';

/** A chunked import: its id. */
export interface ImportRun {
  run: string;
}

/** Seconds between heartbeats of a running chunked import. */
export const HEARTBEAT_S = 15;
/** A marker silent for longer belongs to an import that is over. */
export const STALE_AFTER_S = 120;

interface FoundRun extends ImportRun {
  dataset: string | null;
  startedAt: string | null;
  /** Seconds since its last heartbeat (the database's clock); null: its marker is gone. */
  silentFor: number | null;
}

const RUN_DIR = path.join(os.tmpdir(), 'claimgraph-import-runs');
const runFile = (run: string) => path.join(RUN_DIR, `${run.replace(/[^A-Za-z0-9-]/g, '')}.json`);

function localOwner(run: string): { pid: number; host: string } | undefined {
  try {
    return JSON.parse(readFileSync(runFile(run), 'utf8')) as { pid: number; host: string };
  } catch {
    return undefined;
  }
}

/** Whether a found run may still be running (then it is left alone). */
export function mayStillRun(u: FoundRun): boolean {
  if (u.silentFor === null) return false;
  const owner = localOwner(u.run);
  if (owner && owner.host === os.hostname() && !pidAlive(owner.pid)) return false;
  return u.silentFor < STALE_AFTER_S;
}

/** Deletes what a chunked import's chunks created, in batches, and its marker. */
export async function undoRun(driver: Driver, run: ImportRun, database?: string): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  try {
    for (const s of statements('import/undo-run')) await session.run(s, { run: run.run });
  } finally {
    await session.close();
  }
  rmSync(runFile(run.run), { force: true });
}

async function findRuns(driver: Driver, database?: string): Promise<FoundRun[]> {
  const found = await driver.executeQuery(cypher('import/run-find'), {}, { database, routing: 'READ' });
  return found.records.map((r) => ({
    run: r.get('run') as string,
    dataset: r.get('dataset') as string | null,
    startedAt: r.get('startedAt') as string | null,
    silentFor: r.get('silentFor') === null ? null : toNumber(r.get('silentFor')),
  }));
}

/**
 * Undoes every chunked import that did not finish and cannot still be
 * running (what the server does when it starts, and every import before it
 * writes). Returns those undone and those left alone (still running).
 */
export async function undoAbandonedImports(driver: Driver, database?: string): Promise<{ undone: FoundRun[]; running: FoundRun[] }> {
  const undone: FoundRun[] = [];
  const running: FoundRun[] = [];
  for (const u of await findRuns(driver, database)) {
    if (mayStillRun(u)) {
      running.push(u);
      continue;
    }
    await undoRun(driver, u, database);
    undone.push(u);
  }
  return { undone, running };
}

/**
 * Before an import writes: undoes the chunked imports of any dataset that
 * are over (noted in the summary when one was of this dataset); an
 * ImportError when one of this dataset may still be running. `--replace` of
 * the dataset removes it (its marker and chunks) instead.
 */
export async function undoUnfinishedRuns(ctx: {
  driver: Driver;
  dataset: string;
  database: string | undefined;
  opts: { replace?: string };
  progress: (p: { phase: 'undo'; done: number; total: number }) => void;
  stats: { undoneEarlier?: { startedAt: string } };
}): Promise<void> {
  const { driver, dataset, database } = ctx;
  const runs = await findRuns(driver, database);
  const mine = runs.find((u) => u.dataset === dataset && mayStillRun(u));
  if (mine && ctx.opts.replace !== dataset) {
    throw new ImportError(
      `An import of dataset "${dataset}" started at ${mine.startedAt} has not finished: it is still running (its last sign of life was ${mine.silentFor} s ago; ` +
        `one silent for ${STALE_AFTER_S} s is taken as stopped and undone). If no import of it is running, remove what it wrote with "claimgraph import --replace ${dataset}", then import again.`,
    );
  }
  if (!runs.some((u) => !mayStillRun(u))) return;
  ctx.progress({ phase: 'undo', done: 0, total: 1 });
  const { undone } = await undoAbandonedImports(driver, database);
  ctx.progress({ phase: 'undo', done: 1, total: 1 });
  const own = undone.find((u) => u.dataset === dataset);
  if (own) ctx.stats.undoneEarlier = { startedAt: own.startedAt ?? 'unknown' };
}

/** Commits the marker (its own transaction, before the first chunk), writes the local run file, and starts the heartbeat; returns what stops it. */
export async function startRun(session: Session, driver: Driver, database: string | undefined, dataset: string, run: ImportRun): Promise<() => void> {
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(runFile(run.run), JSON.stringify({ pid: process.pid, host: os.hostname(), dataset }));
  await session.run(cypher('import/run-start'), { dataset, run: run.run });
  const beat = setInterval(() => {
    driver.executeQuery(cypher('import/run-beat'), { run: run.run }, { database }).catch(() => {});
  }, HEARTBEAT_S * 1000);
  beat.unref();
  return () => {
    clearInterval(beat);
    rmSync(runFile(run.run), { force: true });
  };
}

/** Publishes what the chunks created (their last transaction, first). */
export async function publishRun(pipe: Pipeline, run: ImportRun): Promise<void> {
  await pipe.run(cypher('import/publish-run'), { run: run.run, labels: KIND_LABELS });
}

/** Ends the marker in the last transaction; an ImportError when it is gone (the dataset was removed meanwhile). */
export async function endRun(pipe: Pipeline, dataset: string, run: ImportRun): Promise<void> {
  const ended = await pipe.run(cypher('import/run-end'), { dataset, run: run.run });
  if (toNumber(ended.records[0]?.get('ended')) !== 1) throw new ImportError(`The import's marker was removed while it ran (another process removed dataset "${dataset}")`);
}
