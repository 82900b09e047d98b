/**
 * `--replace <name>`: removes what one dataset contributed, and only that
 * (cypher/datasets/remove.cypher; in batches: remove-batched.cypher):
 *  - claims whose `datasets` is exactly [name] are deleted; the others lose the name;
 *  - nodes whose `datasets` is exactly [name] are deleted when no claim uses
 *    them any more; those that other datasets' claims still use are kept and
 *    now belong to those datasets; the others lose the name;
 *  - the `:Dataset` node goes.
 * Properties a dataset added to a node or claim it shares with another are
 * not tracked per dataset, so they stay.
 */
import type { Driver, ManagedTransaction, Transaction } from 'neo4j-driver';
import { cypher, statements } from '../neo4j/cypher.ts';
import { refreshDerived } from './derived/index.ts';

export interface RemovalSummary {
  dataset: string;
  /** False when nothing in the database came from the dataset. */
  found: boolean;
  claimsDeleted: number;
  nodesDeleted: number;
}

/** Runs the removal inside an open transaction (so an import can follow in the same one). */
export async function removeDatasetIn(tx: Transaction | ManagedTransaction, name: string): Promise<RemovalSummary> {
  const present = await tx.run(cypher('datasets/exists'), { name });
  const found = present.records[0]?.get('present') === true;
  const out: RemovalSummary = { dataset: name, found, claimsDeleted: 0, nodesDeleted: 0 };
  if (!found) return out;
  for (const s of statements('datasets/remove')) {
    const c = (await tx.run(s, { name })).summary.counters.updates();
    out.claimsDeleted += c.relationshipsDeleted;
    // The :Dataset bookkeeping node is not an entity.
    if (!s.includes(':Dataset') && !s.includes(':ImportRun')) out.nodesDeleted += c.nodesDeleted;
  }
  return out;
}

/**
 * Removes one dataset in batches of 10,000 rows, each committed
 * (cypher/datasets/remove-batched.cypher), so that a dataset of any size can
 * be removed within the server's transaction memory. Its :Dataset node goes
 * last: an interrupted removal leaves the dataset listed, and running it
 * again finishes it. Also undoes an unfinished chunked import of it.
 */
export async function removeDataset(driver: Driver, name: string, opts: { database?: string } = {}): Promise<RemovalSummary> {
  const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' });
  let out: RemovalSummary;
  try {
    const present = await session.run(cypher('datasets/exists'), { name });
    const found = present.records[0]?.get('present') === true;
    out = { dataset: name, found, claimsDeleted: 0, nodesDeleted: 0 };
    if (!found) return out;
    for (const s of statements('datasets/remove-batched')) {
      const c = (await session.run(s, { name })).summary.counters.updates();
      out.claimsDeleted += c.relationshipsDeleted;
      if (!s.includes(':Dataset') && !s.includes(':ImportRun')) out.nodesDeleted += c.nodesDeleted;
    }
  } finally {
    await session.close();
  }
  // Derived data (the dense index) follows the graph.
  await refreshDerived(driver, { database: opts.database });
  return out;
}
