/**
 * The byte budget of an ad-hoc query's answer: the JSON size of each record,
 * estimated as it streams in (before it is converted or kept), against a
 * per-value cap (QUERY_MAX_VALUE_BYTES) and a budget for all rows
 * (QUERY_MAX_BYTES). A value or a row past them ends the answer with 413
 * RESULT_TOO_LARGE, and the read is abandoned (its connection closed), so
 * nothing more is received. The estimate walks the driver's values and stops
 * as soon as it passes what is left, so a 23 MB list costs no more to refuse
 * than the first megabyte.
 *
 * The estimate counts string lengths (UTF-16 units; escapes and multi-byte
 * UTF-8 not counted), numbers as their digits, nodes and relationships as
 * their ids, labels, type and properties. The graph part of the answer
 * repeats the nodes and relationships of the rows, so the whole body can be
 * up to about twice the budget.
 */
import neo4j from 'neo4j-driver';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { apiError, type ApiError } from '../../kernel/errors.ts';

/** Fixed cost of a node or relationship besides its properties and labels (ids, keys, brackets). */
const ENTITY_OVERHEAD = 80;

/**
 * The estimated JSON size of `v` in bytes, or a number above `cap` as soon
 * as it is known to pass it.
 */
export function estimateJsonBytes(v: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0 && total <= cap) {
    const x = stack.pop();
    if (x === null || x === undefined) total += 4;
    else if (typeof x === 'string') total += x.length + 2;
    else if (typeof x === 'number' || typeof x === 'bigint') total += String(x).length;
    else if (typeof x === 'boolean') total += 5;
    else if (neo4j.isInt(x as never)) total += (x as { toString(): string }).toString().length;
    else if (Array.isArray(x)) {
      // Every element takes at least a byte besides its comma: a list too long for what is left is known at once.
      total += 2 + x.length;
      if (total + x.length > cap) return total + x.length;
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    } else if (neo4j.isNode(x as never) || neo4j.isRelationship(x as never)) {
      const e = x as { labels?: string[]; type?: string; properties: Record<string, unknown> };
      total += ENTITY_OVERHEAD + (e.labels ?? []).reduce((n, l) => n + l.length + 3, 0) + (e.type?.length ?? 0);
      stack.push(e.properties);
    } else if (neo4j.isPath(x as never)) {
      const p = x as { start: unknown; segments: { relationship: unknown; end: unknown }[] };
      stack.push(p.start);
      for (const s of p.segments) stack.push(s.relationship, s.end);
    } else if (x instanceof Uint8Array) total += Math.ceil(x.length * 4 / 3) + 2;
    else if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      for (const [k, y] of Object.entries(x)) {
        total += k.length + 4;
        stack.push(y);
      }
    } else total += 40; // temporal and spatial values: a short string or small map
  }
  return total;
}

export interface ByteBudget {
  maxBytes: number;
  maxValueBytes: number;
}

/**
 * A meter of a stream of records against a byte budget: `take(record)`
 * returns an ApiError (RESULT_TOO_LARGE) for the first value or row past it,
 * else undefined.
 */
export function byteMeter({ maxBytes, maxValueBytes }: ByteBudget): { take(record: Neo4jRecord, row: number): ApiError | undefined; bytes(): number } {
  let used = 0;
  const mb = (n: number) => `${Number((n / 1_000_000).toFixed(1))} MB`;
  const narrow = 'narrow the query: a LIMIT, fewer columns or properties, or size() / left() of long values';
  return {
    bytes: () => used,
    take(record, row) {
      for (const key of record.keys) {
        const left = Math.min(maxValueBytes, maxBytes - used);
        const n = estimateJsonBytes(record.get(key), left);
        if (n > maxValueBytes) {
          return apiError('RESULT_TOO_LARGE', `the value of column ${String(key)} in row ${row} is larger than ${mb(maxValueBytes)} (QUERY_MAX_VALUE_BYTES); ${narrow}`, { limit: 'QUERY_MAX_VALUE_BYTES', max: maxValueBytes, row });
        }
        used += n + String(key).length;
        if (used > maxBytes) {
          return apiError('RESULT_TOO_LARGE', `the result is larger than ${mb(maxBytes)} (QUERY_MAX_BYTES) at row ${row}; ${narrow}`, { limit: 'QUERY_MAX_BYTES', max: maxBytes, row });
        }
      }
      return undefined;
    },
  };
}
