/**
 * Built-in read queries: run through read routing (so clusters spread them
 * over followers), on the configured database, with the query timeout.
 */
import neo4j, { type RecordShape, type Record as Neo4jRecord } from 'neo4j-driver';
import type { Deps } from '../api/route.ts';

/**
 * JavaScript numbers reach Cypher as floats, which LIMIT and friends refuse:
 * top-level integer parameters of the built-in queries go as Cypher integers.
 */
function withIntegers(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' && Number.isSafeInteger(v) ? neo4j.int(v) : v;
  return out;
}

export async function read<T extends RecordShape = RecordShape>(deps: Deps, text: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord<T>[]> {
  const session = deps.driver.session({ database: deps.database, defaultAccessMode: 'READ' });
  try {
    const res = await session.executeRead((tx) => tx.run<T>(text, withIntegers(params)), { timeout: deps.config.QUERY_TIMEOUT_MS });
    return res.records;
  } finally {
    await session.close();
  }
}
