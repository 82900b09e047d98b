/**
 * The import command, shared by `claimgraph import` and `npm run import`:
 * validate everything, then write all or nothing (one transaction, or
 * committed chunks undone on failure: server/import/write.ts); `--replace
 * <name>` first removes what that dataset contributed (in the same
 * transaction), or alone only removes it (in batches).
 */
import { AUTO_CHUNK_ABOVE, DatasetValidationError, DEFAULT_TX_ROWS, ImportError, importDataset, removeDataset, type Format } from '../import/index.ts';
import { createProgress } from '../import/progress.ts';
import { isDirectory } from '../import/read.ts';
import { formatRemoval, formatSummary } from '../import/summary.ts';
import { openConnection } from './connect.ts';
import { CliError, EXIT, type ExitCode } from './exit.ts';

/** How an import writes, for the help of both import commands (`claimgraph import`, `npm run import`). */
export const WRITE_MODES_HELP = `Writing is all or nothing. Up to ${AUTO_CHUNK_ABOVE.toLocaleString('en')} records (entities, sources and
claims), or with --replace, in one transaction; above, in transactions of
${DEFAULT_TX_ROWS.toLocaleString('en')} rows (--tx-rows), so that the server's memory stays bounded: if one
fails (or on Ctrl+C), what the import committed is deleted again, and a
dataset another import shares records with is left as it was. An import
that was killed is undone by the next import of the same dataset.
--atomic / --chunked force either mode.
`;

export interface ImportCliOptions {
  /** A dataset folder or one file (native, CSV, FtM, or a ZIP of CSV files). */
  target?: string;
  format?: Format;
  dataset?: string;
  replace?: string;
  dryRun?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** One transaction whatever the size. */
  atomic?: boolean;
  /** Committed chunks (undone on failure) whatever the size. */
  chunked?: boolean;
  /** Rows per chunk (implies chunked). */
  txRows?: number;
  /** A folder of the sources' documents, to check quotes against. */
  documents?: string;
  /** Import claims whose quote is not found (marked), and changed documents. */
  allowUnverified?: boolean;
}

export async function runImport(o: ImportCliOptions): Promise<ExitCode> {
  if (!o.target && !o.replace) throw new CliError(EXIT.USAGE, 'Give a dataset folder or file to import, or --replace <name> to remove a dataset.');
  if (o.replace !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(o.replace)) {
    throw new CliError(EXIT.USAGE, `--replace: "${o.replace}" is not a dataset name (lowercase letters, digits and -)`);
  }
  if (o.atomic && (o.chunked || o.txRows !== undefined)) throw new CliError(EXIT.USAGE, '--atomic cannot go with --chunked or --tx-rows.');
  if (o.txRows !== undefined && (!Number.isInteger(o.txRows) || o.txRows < 1)) throw new CliError(EXIT.USAGE, '--tx-rows: a whole number of rows, at least 1.');
  if (o.documents !== undefined && !(await isDirectory(o.documents))) throw new CliError(EXIT.USAGE, `--documents: "${o.documents}" is not a folder`);
  const quiet = o.quiet ?? false;
  const { conn } = await openConnection({ quiet });
  const progress = createProgress(process.stderr, quiet);
  // Ctrl+C: stop the import (a chunked one undoes what it committed); a second one quits at once.
  const abort = new AbortController();
  let interrupted = false;
  let writing = false; // before writing (validation), Ctrl+C just quits: nothing was written
  const onSigint = () => {
    progress.stop();
    if (interrupted || !o.target || !writing) {
      void conn.close().finally(() => process.exit(130));
      return;
    }
    interrupted = true;
    console.error('Interrupted: stopping, and undoing what this import wrote (Ctrl+C again to quit at once; the next import of the dataset then undoes it).');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
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
      mode: o.atomic ? 'atomic' : o.chunked || o.txRows !== undefined ? 'chunked' : 'auto',
      txRows: o.txRows,
      documents: o.documents,
      allowUnverified: o.allowUnverified,
      signal: abort.signal,
      onProgress: (p) => {
        writing = true;
        progress.update(p.phase, p.done, p.total);
      },
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
    if (interrupted) {
      console.error('Import interrupted; nothing was written (what it had committed was undone).');
      return EXIT.DATABASE;
    }
    if (err instanceof ImportError) {
      console.error(`Import failed: ${message}`);
      return EXIT.DATABASE;
    }
    const hint = /memory\.transaction\.max|MemoryLimitExceeded/i.test(message)
      ? '\nThe import ran in one transaction (--atomic, or --replace): import without --atomic/--replace (a large dataset then goes in chunks), ' +
        "or raise the server's db.memory.transaction.max (NEO4J_TX_MEMORY_MAX for the local Neo4j)."
      : '';
    console.error(`Import failed, nothing was written: ${message}${hint}`);
    return EXIT.DATABASE;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await conn.close();
  }
}
