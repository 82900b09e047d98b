/**
 * `claimgraph import` (and `npm run import -- ...`): validate everything, then
 * write all or nothing (into an empty local database offline with Neo4j's
 * importer; else one transaction, or committed chunks undone on failure:
 * server/import/write.ts); `--replace <name>` first removes what that dataset
 * contributed (in the same transaction), or alone only removes it (in batches).
 */
import { statSync } from 'node:fs';
import { Option } from 'commander';
import { IMPORTERS, type ReaderOptions } from '../../formats/index.ts';
import { AUTO_CHUNK_ABOVE, DatasetValidationError, DEFAULT_TX_ROWS, FORMATS, ImportError, importDataset, removeDataset, type Format } from '../../import/index.ts';
import { computeMetrics } from '../../import/derived/metrics.ts';
import { ENTITY_KINDS } from '../../model/kinds.ts';
import { CLAIM_STATUSES } from '../../model/statuses.ts';
import { RELATION_TYPES } from '../../model/vocabulary.ts';
import { createProgress } from '../../import/progress.ts';
import { formatRemoval, formatSummary } from '../../import/summary.ts';
import type { Connection } from '../../neo4j/connection.ts';
import { int, type CliCommand } from '../command.ts';
import { cliConfig, openConnection } from '../connect.ts';
import { formatMetrics } from './metrics.ts';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from '../exit.ts';

/** How an import writes, for the command's help. */
export const WRITE_MODES_HELP = `Writing is all or nothing. Into an empty database of the local Neo4j (no
NEO4J_URI), it is a bulk load: the records are written as CSV files, Neo4j is
stopped, its own importer (what neo4j-admin database import runs) writes a new
store, Neo4j starts again on it and the indexes are built; on any failure the
empty store comes back (--no-bulk: never; --bulk: insist, or say why not).
Otherwise, in transactions: up to ${AUTO_CHUNK_ABOVE.toLocaleString('en')} records (entities, sources and
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
  /** Then compute the graph metrics (Graph Data Science): `claimgraph metrics`. */
  metrics?: boolean;
  /** true: bulk load (refused unless the local database is empty); false: never; undefined: when it is empty. */
  bulk?: boolean;
  /** A folder of the sources' documents, to check quotes against. */
  documents?: string;
  /** Import claims whose quote is not found (marked), and changed documents. */
  allowUnverified?: boolean;
  /** For files that carry no status, kind or type of their own (GEXF, GraphML). */
  status?: ReaderOptions['status'];
  kind?: ReaderOptions['kind'];
  type?: ReaderOptions['type'];
}

const GRAPH_FILES = IMPORTERS.filter((f) => f.reader.options?.includes('status')).map((f) => f.label).join(' and ');

export const importCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('import')
      .description('Validate a dataset, then write it to Neo4j, all or nothing (one transaction, or chunks undone on failure).')
      .argument('[path]', `a dataset folder, or one file: ${IMPORTERS.map((f) => f.label).join(', ')}, or a ZIP of CSV files`)
      .addOption(new Option('--format <format>', 'read every file as this format instead of detecting it').choices([...FORMATS]))
      .addOption(new Option('--status <status>', `${GRAPH_FILES}: the status of every claim (edge) the file gives none; required when an edge has none`).choices([...CLAIM_STATUSES]))
      .addOption(new Option('--kind <kind>', `${GRAPH_FILES}: the kind of every entity (node) the file gives none (default: concept)`).choices(ENTITY_KINDS.filter((k) => k !== 'source')))
      .addOption(new Option('--type <type>', `${GRAPH_FILES}: the relationship type of every claim (edge) the file gives none (default: ASSOCIATED_WITH)`).choices([...RELATION_TYPES]))
      .option('--dataset <name>', "the dataset's name (default: dataset.yaml's, or the file's or folder's name)")
      .option('--replace <name>', 'first remove what dataset <name> contributed (same transaction); without a path, only remove it')
      .option('--dry-run', 'validate only; write nothing')
      .option('--atomic', 'write in one transaction, whatever the size (needs server memory for the whole dataset)')
      .option('--chunked', 'write in committed chunks, undone on failure, whatever the size')
      .option('--tx-rows <n>', 'rows per chunk (implies --chunked; default 50000)', int(1, 10_000_000))
      .option('--metrics', 'then compute PageRank, degree, betweenness and communities in Neo4j (as claimgraph metrics)')
      .option('--bulk', "load offline with Neo4j's own importer (the default into an empty local database; refused, with the reason, otherwise)")
      .option('--no-bulk', 'never load offline: write in transactions even into an empty local database')
      .option('--json', 'print the summary as JSON')
      .option('-q, --quiet', 'no progress bar and no notes on standard error')
      .option('--documents <dir>', "a folder of the sources' documents, to check every quote against (also looked in: <dataset>/documents/)")
      .option('--allow-unverified', 'import claims whose quote is not found in its document (marked not-found), and documents whose hash changed')
      .addHelpText(
        'after',
        `
${WRITE_MODES_HELP}
Where a source's document is available (--documents, or <dataset>/documents/),
every quote is checked against it: a quote not found is an error and nothing
is written, unless --allow-unverified. See "claimgraph verify".

Formats (${FORMATS.join(', ')}) are detected from each file's content: FtM when the first
line is a JSON object with "schema" and "id", CSV for .csv/.tsv files (entities.csv,
claims.csv, sources.csv), GEXF and GraphML by their root element, else claimgraph's
own YAML/JSON/JSONL. A CSV cell a spreadsheet-safe export prefixed with ' (before
=, +, -, @, tab, CR) is read without it. See data/README.md.

${GRAPH_FILES} files carry no evidence: every node becomes an entity, every edge a
claim citing the file itself (a source made for it; the quote is the edge as the
file writes it), with the status you state with --status. A claimgraph export of
these formats keeps its own statuses, quotes and sources.

Examples:
  claimgraph import data/mek-network
  claimgraph import sanctions.ftm.json --dataset sanctions
  claimgraph import spreadsheet/ --format csv --replace spreadsheet
  claimgraph import network.gexf --status alleged --kind person
  claimgraph import --replace sanctions          # remove one dataset

${EXIT_HELP}`,
      )
      .action(ctx.action(async (path: string | undefined, o: Omit<ImportCliOptions, 'target'>) => runImport({ target: path, ...o })));
  },
};

function checkOptions(o: ImportCliOptions): void {
  if (!o.target && !o.replace) throw new CliError(EXIT.USAGE, 'Give a dataset folder or file to import, or --replace <name> to remove a dataset.');
  if (o.replace !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(o.replace)) {
    throw new CliError(EXIT.USAGE, `--replace: "${o.replace}" is not a dataset name (lowercase letters, digits and -)`);
  }
  if (o.atomic && (o.chunked || o.txRows !== undefined)) throw new CliError(EXIT.USAGE, '--atomic cannot go with --chunked or --tx-rows.');
  if (o.bulk === true && (o.atomic || o.chunked || o.txRows !== undefined)) throw new CliError(EXIT.USAGE, '--bulk cannot go with --atomic, --chunked or --tx-rows (those write in transactions).');
  if (o.bulk === true && o.replace !== undefined) throw new CliError(EXIT.USAGE, '--bulk loads into an empty database: --replace has nothing to remove there.');
  if (o.txRows !== undefined && (!Number.isInteger(o.txRows) || o.txRows < 1)) throw new CliError(EXIT.USAGE, '--tx-rows: a whole number of rows, at least 1.');
  if (o.documents !== undefined && !isFolder(o.documents)) throw new CliError(EXIT.USAGE, `--documents: "${o.documents}" is not a folder`);
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Ctrl+C: before writing (validation), or a second time, quits at once (nothing
 * was written, or the next import undoes it); while writing, stops the import,
 * which undoes what it committed. Returns the handler to remove afterwards.
 */
function onInterrupt(conn: Connection, stopProgress: () => void, canUndo: () => boolean, abort: AbortController): () => void {
  let interrupted = false;
  return () => {
    stopProgress();
    if (interrupted || !canUndo()) {
      void conn.close().finally(() => process.exit(130));
      return;
    }
    interrupted = true;
    console.error('Interrupted: stopping, and undoing what this import wrote (Ctrl+C again to quit at once; the next import of the dataset then undoes it).');
    abort.abort();
  };
}

/** CLAIMGRAPH_ZIP_MAX_BYTES and CLAIMGRAPH_ZIP_MAX_RATIO raise (or lower) the limits of a ZIP archive's extraction (server/import/zip.ts). */
function zipLimitsFromEnv(): { maxBytes?: number; maxRatio?: number } {
  const out: { maxBytes?: number; maxRatio?: number } = {};
  for (const [key, field] of [['CLAIMGRAPH_ZIP_MAX_BYTES', 'maxBytes'], ['CLAIMGRAPH_ZIP_MAX_RATIO', 'maxRatio']] as const) {
    const raw = process.env[key];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(EXIT.USAGE, `${key}: a positive number, not "${raw}"`);
    out[field] = n;
  }
  return out;
}

export async function runImport(o: ImportCliOptions): Promise<ExitCode> {
  checkOptions(o);
  const quiet = o.quiet ?? false;
  const { conn } = await openConnection({ quiet });
  const progress = createProgress(process.stderr, quiet);
  const abort = new AbortController();
  let writing = false;
  const onSigint = onInterrupt(conn, () => progress.stop(), () => Boolean(o.target) && writing, abort);
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
      mode: o.atomic ? 'atomic' : o.chunked || o.txRows !== undefined ? 'chunked' : o.bulk ? 'bulk' : 'auto',
      txRows: o.txRows,
      bulk: o.bulk,
      offline: conn.local,
      offlineUnavailable: conn.local ? undefined : whyNoLocalStore(),
      documents: o.documents,
      allowUnverified: o.allowUnverified,
      zip: zipLimitsFromEnv(),
      options: { status: o.status, kind: o.kind, type: o.type },
      signal: abort.signal,
      onProgress: (p) => {
        writing = true;
        progress.update(p.phase, p.done, p.total);
      },
    });
    progress.stop();
    console.log(o.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, o.dryRun));
    if (o.metrics && !o.dryRun) {
      const m = await computeMetrics(conn.driver, { database: conn.database });
      console.log(o.json ? JSON.stringify({ metrics: m }, null, 2) : formatMetrics(m));
    }
    return EXIT.OK;
  } catch (err) {
    progress.stop();
    return reportFailure(err, o, abort.signal.aborted);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await conn.close();
  }
}

/** Why this command does not run the Neo4j it imports into (for a refused --bulk). */
function whyNoLocalStore(): string {
  return cliConfig().NEO4J_URI
    ? 'NEO4J_URI names a Neo4j server that this command does not run'
    : 'the local Neo4j runs in the background ("claimgraph db start"); stop it with "claimgraph db stop" and import again';
}

/** Prints why the import failed; the exit code: 1 invalid dataset, 3 the write failed (nothing written). */
function reportFailure(err: unknown, o: ImportCliOptions, interrupted: boolean): ExitCode {
  if (err instanceof DatasetValidationError) {
    // Only options missing or misplaced (--status for a GEXF file): the command line is what to fix.
    if (err.issues.length > 0 && err.issues.every((i) => i.option !== undefined)) throw new CliError(EXIT.USAGE, err.message.replace(/^The dataset has.*\n/, '').trim());
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
}
