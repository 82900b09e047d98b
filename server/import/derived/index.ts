/**
 * What is derived from the graph and kept in the database, recomputed after
 * every write of it. `refreshDerived` is the one hook: the importer's last
 * step (write/context.ts finishImport, after the commit) and dataset removal
 * (replace.ts removeDataset) call it, and so must any other writer of claims
 * (a bulk load, once the database is back). Today: the dense index
 * (dense.ts), which the neighbourhood reads use for supernodes.
 *
 * @example
 *   await refreshDerived(driver, { database });
 */
import type { Driver } from 'neo4j-driver';
import { refreshDense, type DenseOptions, type DenseSummary } from './dense.ts';

export { DENSE_DEGREE, RANK_K, refreshDense, type DenseOptions, type DenseSummary } from './dense.ts';

export interface DerivedSummary {
  dense: DenseSummary;
}

/** Recomputes what is derived from the graph (see the module comment). */
export async function refreshDerived(driver: Driver, opts: DenseOptions = {}): Promise<DerivedSummary> {
  return { dense: await refreshDense(driver, opts) };
}
