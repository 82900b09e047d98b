/**
 * `--replace <name>`: removes what one dataset contributed, and only that,
 * restoring exactly what was there before it:
 *  - a node or claim shared with other datasets is rewritten from their
 *    layers (write/layering.ts): the values it had before this dataset came
 *    back (write/layering.ts);
 *  - then (cypher/datasets/remove.cypher; in batches: remove-batched.cypher)
 *    claims whose `datasets` is exactly [name] are deleted; nodes whose
 *    `datasets` is exactly [name] are deleted when no claim uses them any
 *    more; those that other datasets' claims still use are kept and now
 *    belong to those datasets;
 *  - the `:Dataset` node goes, with an unfinished chunked import of it
 *    (its marker and what its chunks wrote).
 */
import type { Driver, ManagedTransaction, Transaction } from 'neo4j-driver';
import { cypher, statements } from '../neo4j/cypher.ts';
import { refreshDerived } from './derived/index.ts';
import { unlayerDataset } from './write/layering.ts';

/** Shared records rewritten per statement while removing a dataset. */
const UNLAYER_BATCH = 5000;

export interface RemovalSummary {
  dataset: string;
  /** False when nothing in the database came from the dataset. */
  found: boolean;
  claimsDeleted: number;
  nodesDeleted: number;
}

/** Counts what a statement deleted: the dataset's claims and entities, not its bookkeeping (:Dataset, an unfinished import). */
function count(out: RemovalSummary, statement: string, c: { relationshipsDeleted: number; nodesDeleted: number }): void {
  if (/:Dataset\b|:ImportRun\b|:ImportingEntity\b/.test(statement)) return;
  out.claimsDeleted += c.relationshipsDeleted;
  out.nodesDeleted += c.nodesDeleted;
}

/** Runs the removal inside an open transaction (so an import can follow in the same one). */
export async function removeDatasetIn(tx: Transaction | ManagedTransaction, name: string): Promise<RemovalSummary> {
  const present = await tx.run(cypher('datasets/exists'), { name });
  const found = present.records[0]?.get('present') === true;
  const out: RemovalSummary = { dataset: name, found, claimsDeleted: 0, nodesDeleted: 0 };
  if (!found) return out;
  await unlayerDataset(tx, name, UNLAYER_BATCH);
  for (const s of statements('datasets/remove')) {
    count(out, s, (await tx.run(s, { name })).summary.counters.updates());
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
    await unlayerDataset(session, name, UNLAYER_BATCH);
    for (const s of statements('datasets/remove-batched')) {
      count(out, s, (await session.run(s, { name })).summary.counters.updates());
    }
  } finally {
    await session.close();
  }
  // Derived data (the dense index) follows the graph.
  await refreshDerived(driver, { database: opts.database });
  return out;
}
