/**
 * The importer's entry point: validate everything, then write atomically.
 *
 * @example
 *   const summary = await importDataset(driver, 'data/mek-network');
 *   console.log(summary.counts.claims);
 */
import type { Driver } from 'neo4j-driver';
import { validateDataset } from './load.ts';
import { existingIds, writeDataset, type ImportSummary, type WriteOptions } from './write.ts';

export interface ImportOptions extends WriteOptions {
  /** Use this dataset name instead of the one in dataset.yaml. */
  name?: string;
  /** Validate only; write nothing. */
  dryRun?: boolean;
}

export async function importDataset(driver: Driver, folder: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const t0 = performance.now();
  const plan = await validateDataset(folder, {
    name: opts.name,
    knownIds: (ids) => existingIds(driver, ids, opts.database),
  });
  if (opts.dryRun) {
    return { dataset: plan.meta.name, counts: plan.counts, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: Math.round(performance.now() - t0) };
  }
  const summary = await writeDataset(driver, plan, opts);
  summary.ms = Math.round(performance.now() - t0);
  return summary;
}

export { DatasetValidationError, formatIssue, type DatasetIssue } from './errors.ts';
export type { ImportSummary } from './write.ts';
