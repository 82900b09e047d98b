/**
 * Running an ad-hoc query once it passed the check: in the one read path
 * (neo4j/read.ts: a READ transaction with the timeout, always rolled back,
 * nothing retried, stopped when the caller goes away), streaming the records,
 * stopping at the row cap, and refusing (413) a value or a result past its
 * byte budget (size.ts) as it arrives. The check's EXPLAIN and the run share
 * one time limit (QUERY_TIMEOUT_MS): the run gets what the check left.
 */
import neo4j, { type Record as Neo4jRecord, type Transaction } from 'neo4j-driver';
import type { z } from 'zod';
import type { CypherResult } from '../../kernel/contract.ts';
import type { Deps } from '../../kernel/deps.ts';
import { classifyNeo4jError } from '../../kernel/errors.ts';
import { inReadTransaction, toNeo4jParams, type ReadControl } from '../../neo4j/read.ts';
import { checkQuery } from './check.ts';
import { byteMeter, type ByteBudget } from './size.ts';
import { graphOfRows, rowValueToJson } from './rows.ts';
import { withoutSavedViews } from '../../investigations/isolation.ts';

export interface SafeRunOptions {
  /** Rows to return at most (default QUERY_ROW_CAP; a caller may pass more, e.g. an export). */
  rowCap?: number;
  /** Time limit in ms of the check and the run together (default QUERY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Byte budget of the rows (default QUERY_MAX_BYTES and QUERY_MAX_VALUE_BYTES). */
  budget?: Partial<ByteBudget>;
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
  control: ReadControl,
  run: { query: string; params: Record<string, unknown> | undefined; rowCap: number; budget: ByteBudget },
  onRecord: (record: Neo4jRecord) => void | Promise<void>,
): Promise<Omit<StreamOutcome, 'queryType'>> {
  const { rowCap } = run;
  const result = tx.run(run.query, toNeo4jParams(run.params));
  const columns = await result.keys();
  const it = result[Symbol.asyncIterator]();
  const meter = byteMeter(run.budget);
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
      const tooLarge = meter.take(record, rowCount + 1);
      if (tooLarge) {
        control.abandon(); // no further record is received
        throw tooLarge;
      }
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
  const limitMs = timeoutOf(deps, opts);
  const started = performance.now();
  const { queryType } = await checkQuery(deps, query, params, {
    planTimeoutMs: Math.min(deps.config.QUERY_PLAN_TIMEOUT_MS, limitMs),
    limitMs,
  });
  const rowCap = Math.max(1, Math.floor(opts.rowCap ?? deps.config.QUERY_ROW_CAP));
  const budget = { maxBytes: opts.budget?.maxBytes ?? deps.config.QUERY_MAX_BYTES, maxValueBytes: opts.budget?.maxValueBytes ?? deps.config.QUERY_MAX_VALUE_BYTES };
  // What the check left of the time limit (at least a tenth of it, so a slow plan still gets its run).
  const left = Math.max(Math.ceil(limitMs / 10), Math.floor(limitMs - (performance.now() - started)));
  const outcome = await inReadTransaction(deps, (tx, control) => streamRows(tx, control, { query, params, rowCap, budget }, onRecord), {
    timeoutMs: left,
    limitMs,
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
