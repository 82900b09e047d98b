/**
 * Running an ad-hoc query once it passed the check: in the one read path
 * (neo4j/read.ts: a READ transaction with the timeout, always rolled back,
 * nothing retried, stopped when the caller goes away), streaming the records
 * and stopping at the row cap.
 */
import neo4j, { type Record as Neo4jRecord, type Transaction } from 'neo4j-driver';
import type { z } from 'zod';
import type { CypherResult } from '../../kernel/contract.ts';
import type { Deps } from '../../kernel/deps.ts';
import { classifyNeo4jError } from '../../kernel/errors.ts';
import { inReadTransaction, toNeo4jParams } from '../../neo4j/read.ts';
import { checkQuery } from './check.ts';
import { graphOfRows, rowValueToJson } from './rows.ts';
import { withoutSavedViews } from '../../investigations/isolation.ts';

export interface SafeRunOptions {
  /** Rows to return at most (default QUERY_ROW_CAP; a caller may pass more, e.g. an export). */
  rowCap?: number;
  /** Transaction timeout in ms (default QUERY_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface StreamOutcome {
  truncated: boolean;
  rowCount: number;
  queryType: string;
  resultAvailableAfterMs: number;
  columns: string[];
}

function toMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0) || 0;
}

/**
 * Streams the records of `query` in `tx` to `onRecord`, stopping at the row
 * cap. When the cap was reached and the time ran out while Neo4j looked for
 * one more row (or finished a prefetch before discarding the rest), the rows
 * read are the answer.
 */
async function streamRows(
  tx: Transaction,
  query: string,
  params: Record<string, unknown> | undefined,
  rowCap: number,
  onRecord: (record: Neo4jRecord) => void | Promise<void>,
): Promise<Omit<StreamOutcome, 'queryType'>> {
  const result = tx.run(query, toNeo4jParams(params));
  const columns = await result.keys();
  const it = result[Symbol.asyncIterator]();
  let rowCount = 0;
  let truncated = false;
  let summary: unknown;
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) {
        summary = next.value;
        break;
      }
      if (rowCount >= rowCap) {
        truncated = true;
        summary = (await it.return?.())?.value;
        break;
      }
      const record = withoutSavedViews(next.value);
      if (!record) continue;
      rowCount++;
      await onRecord(record);
    }
  } catch (err) {
    if (!(rowCount >= rowCap && classifyNeo4jError(err) === 'timeout')) throw err;
    truncated = true;
  }
  return { truncated, rowCount, resultAvailableAfterMs: toMs((summary as { resultAvailableAfter?: unknown } | undefined)?.resultAvailableAfter), columns };
}

const timeoutOf = (deps: Deps, opts: SafeRunOptions) => Math.max(1, Math.floor(opts.timeoutMs ?? deps.config.QUERY_TIMEOUT_MS));

/**
 * Checks and runs a read query, calling `onRecord` for each record as it
 * streams in, at most `rowCap` times (default QUERY_ROW_CAP); `truncated`
 * says whether more rows were left. Throws ApiError.
 *
 * @example
 *   await streamSafeQuery(deps, 'MATCH (n:Person) RETURN n', {}, { rowCap: 100 }, (rec) => out.push(rec));
 */
export async function streamSafeQuery(
  deps: Deps,
  query: string,
  params: Record<string, unknown> | undefined,
  opts: SafeRunOptions,
  onRecord: (record: Neo4jRecord) => void | Promise<void>,
): Promise<StreamOutcome> {
  const { queryType } = await checkQuery(deps, query, params);
  const rowCap = Math.max(1, Math.floor(opts.rowCap ?? deps.config.QUERY_ROW_CAP));
  const outcome = await inReadTransaction(deps, (tx) => streamRows(tx, query, params, rowCap, onRecord), {
    timeoutMs: timeoutOf(deps, opts),
    fetchSize: Math.min(rowCap + 1, 1000),
    statement: { text: query },
  });
  return { ...outcome, queryType };
}

/**
 * Checks and runs a read query and returns the rows (values as JSON, aligned
 * with `columns`), every node and relationship in them as `graph`, whether the
 * row cap cut the result, and a summary. Throws ApiError.
 *
 * @example
 *   const { rows, graph } = await runSafeQuery(deps, 'MATCH p = (:Person)-[]->() RETURN p LIMIT $n', { n: 10 });
 */
export async function runSafeQuery(
  deps: Deps,
  query: string,
  params?: Record<string, unknown>,
  opts: SafeRunOptions = {},
): Promise<z.output<typeof CypherResult>> {
  const raw: unknown[][] = [];
  const out = await streamSafeQuery(deps, query, params, opts, (record) => {
    raw.push(record.keys.map((_, i) => record.get(i)));
  });
  const { graph, keyOf } = await graphOfRows(deps, raw, timeoutOf(deps, opts));
  return {
    columns: out.columns,
    rows: raw.map((values) => values.map((v) => rowValueToJson(v, keyOf))),
    graph,
    truncated: out.truncated,
    summary: { resultAvailableAfterMs: out.resultAvailableAfterMs, queryType: out.queryType, rowCount: out.rowCount },
  };
}
