/**
 * The importer's entry point: validate everything, then write all or nothing
 * (offline into an empty local database, one transaction, or committed
 * chunks undone on failure: see write.ts). A bulk load's files are written
 * while the dataset is validated (write/bulk.ts prepareBulk).
 *
 * @example
 *   const summary = await importDataset(driver, 'data/mek-network');
 *   console.log(summary.counts.claims);
 *   await importDataset(driver, 'sanctions.ftm.json', { name: 'sanctions', replace: 'sanctions' });
 *   console.log(summary.notes); // what an FtM file had that claimgraph does not model
 */
import type { Driver } from 'neo4j-driver';
import type { ReaderOptions } from '../formats/index.ts';
import type { Format } from './inputs.ts';
import { validateDataset } from './load.ts';
import type { ZipLimits } from './zip.ts';
import type { DocumentStatus, OutcomeCounts, VerifyOptions } from './verify.ts';
import { prepareBulk } from './write/bulk.ts';
import { existingIds, writeDataset, type ImportSummary, type WriteOptions } from './write.ts';

/** What an import found checking quotes against documents (server/import/verify.ts). */
export interface ImportVerification {
  /** Claims by outcome (`no-document` for those whose source's document was not available). */
  totals: OutcomeCounts;
  /** Every source document found (or recorded and missing), with its state. */
  documents: DocumentStatus[];
  /** Claims imported although their quote was not found (--allow-unverified), by id. */
  notFound: string[];
}

export type ImportResult = ImportSummary & { verification: ImportVerification };

export interface ImportOptions extends WriteOptions, VerifyOptions {
  /** Limits of a ZIP archive's extraction (server/import/zip.ts). */
  zip?: Partial<ZipLimits>;
  /** Use this dataset name instead of the one in dataset.yaml (or the file's name). */
  name?: string;
  /** Read every file as this format instead of detecting it. */
  format?: Format;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** What the user states for data a format cannot carry (GEXF, GraphML: status, kind, type). */
  options?: ReaderOptions;
}

/** Imports a dataset folder, or one file (native, CSV, FollowTheMoney, GEXF, GraphML). */
export async function importDataset(driver: Driver, folder: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const t0 = performance.now();
  const bulkPrepared = await prepareBulk(driver, folder, opts);
  const plan = await validateDataset(folder, {
    name: opts.name,
    format: opts.format,
    options: opts.options,
    knownIds: (ids) => existingIds(driver, ids, opts.database, opts.replace),
    documents: opts.documents,
    allowUnverified: opts.allowUnverified,
    zip: opts.zip,
  }).catch(async (err: unknown) => {
    await bulkPrepared?.discard();
    throw err;
  });
  opts = { ...opts, bulkPrepared };
  const { report } = plan.verification;
  const verification: ImportVerification = {
    totals: report.totals,
    documents: report.documents,
    notFound: report.claims.filter((c) => c.verification.outcome === 'not-found').map((c) => c.id),
  };
  try {
    if (opts.dryRun) {
      return { dataset: plan.meta.name, counts: plan.counts, notes: plan.notes, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: Math.round(performance.now() - t0), verification };
    }
    const summary = await writeDataset(driver, plan, opts);
    summary.ms = Math.round(performance.now() - t0);
    return { ...summary, verification };
  } finally {
    await bulkPrepared?.discard();
    await plan.cleanup?.();
  }
}

export { DatasetValidationError, formatIssue, type DatasetIssue } from './errors.ts';
export { FORMATS, type Format } from './inputs.ts';
export { removeDataset, type RemovalSummary } from './replace.ts';
export { undoAbandonedImports } from './write/import-run.ts';
export { AUTO_CHUNK_ABOVE, DEFAULT_TX_ROWS, ImportError, type ImportSummary, type WriteMode } from './write.ts';
