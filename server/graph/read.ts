/**
 * Built-in read queries: run through read routing (so clusters spread them
 * over followers), on the configured database, with the query timeout.
 */
import type { RecordShape, Record as Neo4jRecord } from 'neo4j-driver';
import type { Deps } from '../api/route.ts';

export async function read<T extends RecordShape = RecordShape>(deps: Deps, text: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord<T>[]> {
  const session = deps.driver.session({ database: deps.database, defaultAccessMode: 'READ' });
  try {
    const res = await session.executeRead((tx) => tx.run<T>(text, params), { timeout: deps.config.QUERY_TIMEOUT_MS });
    return res.records;
  } finally {
    await session.close();
  }
}
