/**
 * The :ImportRun marker of a chunked import: committed before its first
 * chunk (with the process's pid and host), ended in its last transaction.
 * A marker left by a process that died is found by the next import of the
 * dataset, which undoes that import first (or refuses, when the process may
 * still run). Undoing deletes what the chunks created, in batches: the whole
 * dataset when it was new (remove-batched.cypher), else what carries the
 * run's `_importRun` tag (undo-run.cypher).
 */
import os from 'node:os';
import type { Driver, Session } from 'neo4j-driver';
import { pidAlive } from '../../kernel/pid.ts';
import { cypher, statements } from '../../neo4j/cypher.ts';
import { removeDataset } from '../replace.ts';
import { toNumber, type WriteContext } from './context.ts';
import type { Pipeline } from './pipeline.ts';
import { ImportError } from './types.ts';

/** A chunked import: its id, and whether its dataset was new (then undoing it removes the dataset). */
export interface ImportRun {
  run: string;
  fresh: boolean;
}

interface UnfinishedRun extends ImportRun {
  pid: number;
  host: string;
  startedAt: string;
}

/** Deletes what a chunked import created, in batches. */
export async function undoRun(driver: Driver, dataset: string, run: ImportRun, database?: string): Promise<void> {
  if (run.fresh) {
    await removeDataset(driver, dataset, { database });
    return;
  }
  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  try {
    for (const s of statements('import/undo-run')) await session.run(s, { run: run.run });
  } finally {
    await session.close();
  }
}

/**
 * An earlier chunked import of this dataset that did not finish: undone when
 * its process is gone (noted in the summary); an ImportError when it may
 * still be running. `--replace` of the dataset removes it (and the marker) instead.
 */
export async function undoUnfinishedRuns(ctx: WriteContext): Promise<void> {
  const { driver, dataset, database } = ctx;
  const found = await driver.executeQuery(cypher('import/run-find'), { dataset }, { database, routing: 'READ' });
  const unfinished = found.records.map(
    (r) => ({ run: r.get('run'), fresh: r.get('fresh'), pid: toNumber(r.get('pid')), host: r.get('host'), startedAt: r.get('startedAt') }) as UnfinishedRun,
  );
  for (const u of unfinished) {
    if (ctx.opts.replace === dataset) break;
    if (u.host !== os.hostname() || pidAlive(u.pid)) {
      throw new ImportError(
        `An import of dataset "${dataset}" started at ${u.startedAt} (process ${u.pid} on ${u.host}) has not finished: it is still running, or it stopped on another machine. ` +
          `If no import of it is running, remove what it wrote with "claimgraph import --replace ${dataset}", then import again.`,
      );
    }
    ctx.progress({ phase: 'undo', done: 0, total: 1 });
    await undoRun(driver, dataset, u, database);
    ctx.progress({ phase: 'undo', done: 1, total: 1 });
    ctx.stats.undoneEarlier = { startedAt: u.startedAt };
  }
}

/** Commits the marker (its own transaction, before the first chunk). */
export async function startRun(session: Session, dataset: string, run: ImportRun): Promise<void> {
  await session.run(cypher('import/run-start'), { dataset, run: run.run, fresh: run.fresh, pid: process.pid, host: os.hostname() });
}

/** Ends the marker in the last transaction; an ImportError when it is gone (the dataset was removed meanwhile). */
export async function endRun(pipe: Pipeline, dataset: string, run: ImportRun): Promise<void> {
  const ended = await pipe.run(cypher('import/run-end'), { dataset, run: run.run });
  if (toNumber(ended.records[0]?.get('ended')) !== 1) throw new ImportError(`The import's marker was removed while it ran (another process removed dataset "${dataset}")`);
}

/** After a re-import: the run's tag (kept for an undo) goes. */
export async function untagRun(ctx: WriteContext, run: ImportRun): Promise<void> {
  const s = ctx.driver.session({ database: ctx.database, defaultAccessMode: 'WRITE' });
  try {
    for (const text of statements('import/untag-run')) await s.run(text, { run: run.run });
  } finally {
    await s.close();
  }
}
