/**
 * Query parameters for the driver, converted in one place. The driver sends
 * every JavaScript number as a Cypher float, which `LIMIT $n`, `range(1, $n)`
 * and list indexes refuse: safe integers go as Cypher integers instead.
 */
import neo4j from 'neo4j-driver';

/** A plain object (`{...}` or JSON), not a class instance such as the driver's Integer or a temporal value. */
function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function convert(v: unknown): unknown {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  if (Array.isArray(v)) return v.map(convert);
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
  return v;
}

/**
 * Parameter values for the driver: safe integers become Cypher integers, in
 * lists and plain maps too; floats, strings, booleans, null and the driver's
 * own values (Integer, dates, points) are kept as they are.
 *
 * @example
 *   tx.run('MATCH (n) RETURN n LIMIT $limit', toNeo4jParams({ limit: 10 }))
 */
export function toNeo4jParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, convert(v)]));
}
