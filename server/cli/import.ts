/**
 * The import command, shared by `claimgraph import` and `npm run import`:
 * validate everything, then write atomically; `--replace <name>` first
 * removes what that dataset contributed (in the same transaction), or alone
 * only removes it.
 */
import { DatasetValidationError, importDataset, removeDataset, type Format } from '../import/index.ts';
import { createProgress } from '../import/progress.ts';
import { formatRemoval, formatSummary } from '../import/summary.ts';
import { openConnection } from './connect.ts';
import { CliError, EXIT, type ExitCode } from './exit.ts';

export interface ImportCliOptions {
  /** A dataset folder or one file (native, CSV, FtM, or a ZIP of CSV files). */
  target?: string;
  format?: Format;
  dataset?: string;
  replace?: string;
  dryRun?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export async function runImport(o: ImportCliOptions): Promise<ExitCode> {
  if (!o.target && !o.replace) throw new CliError(EXIT.USAGE, 'Give a dataset folder or file to import, or --replace <name> to remove a dataset.');
  if (o.replace !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(o.replace)) {
    throw new CliError(EXIT.USAGE, `--replace: "${o.replace}" is not a dataset name (lowercase letters, digits and -)`);
  }
  const quiet = o.quiet ?? false;
  const { conn } = await openConnection({ quiet });
  const progress = createProgress(process.stderr, quiet);
  const onSigint = () => {
    progress.stop();
    void conn.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  try {
    if (!o.target) {
      const removed = await removeDataset(conn.driver, o.replace!, { database: conn.database });
      console.log(o.json ? JSON.stringify(removed, null, 2) : formatRemoval(removed));
      return EXIT.OK;
    }
    const summary = await importDataset(conn.driver, o.target, {
      database: conn.database,
      name: o.dataset,
      format: o.format,
      dryRun: o.dryRun,
      replace: o.replace,
      onProgress: (p) => progress.update(p.phase, p.done, p.total),
    });
    progress.stop();
    console.log(o.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, o.dryRun));
    return EXIT.OK;
  } catch (err) {
    progress.stop();
    if (err instanceof DatasetValidationError) {
      if (o.json) console.log(JSON.stringify({ error: { code: err.code, message: err.message.split('\n')[0], issues: err.issues } }, null, 2));
      console.error(err.message);
      return EXIT.INVALID;
    }
    if (err instanceof CliError) throw err;
    const message = (err as Error).message;
    const hint = /memory\.transaction\.max|MemoryLimitExceeded/i.test(message)
      ? '\nThe import runs in one transaction: raise the server\'s db.memory.transaction.max (NEO4J_TX_MEMORY_MAX for the local Neo4j), or split the dataset.'
      : '';
    console.error(`Import failed, nothing was written: ${message}${hint}`);
    return EXIT.DATABASE;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await conn.close();
  }
}
