/**
 * The safety check of an ad-hoc query: the text checks (text-checks.ts), the
 * cost checks (cost.ts, with the parameters: on every request), then
 * `EXPLAIN` through the read path (nothing runs) with the query type and the
 * plan checked (plan.ts), a passing verdict cached (verdicts.ts). The EXPLAIN
 * has its own deadline (QUERY_PLAN_TIMEOUT_MS, within the request's
 * QUERY_TIMEOUT_MS): Neo4j's parser and planner do not stop at a
 * transaction's timeout, so the request is answered 408 at the deadline and
 * the connection closed (neo4j/read.ts).
 */
import { apiError } from '../../kernel/errors.ts';
import type { Deps } from '../../kernel/deps.ts';
import { inReadTransaction, toNeo4jParams } from '../../neo4j/read.ts';
import { costRefusal } from './cost.ts';
import { planRefusal, type PlanLike } from './plan.ts';
import { lexCypher } from './lex.ts';
// Saved views (investigations) share the database but are not data: refused by name, dropped from results (run.ts).
import { savedViewRefusal } from '../../investigations/isolation.ts';
import { textRefusal } from './text-checks.ts';
import { cachedVerdict, rememberVerdict, type Verdict } from './verdicts.ts';

const EXPLAIN_PREFIX = 'EXPLAIN ';

export interface CheckOptions {
  /** Time for the EXPLAIN in ms (default: QUERY_PLAN_TIMEOUT_MS, at most QUERY_TIMEOUT_MS). */
  planTimeoutMs?: number;
  /** The request's whole time limit, named in a QUERY_TIMEOUT message (default QUERY_TIMEOUT_MS). */
  limitMs?: number;
}

/** Throws QUERY_REFUSED when the query with these parameters costs more than the limits allow (cost.ts). */
export async function checkCost(deps: Deps, query: string, params?: Record<string, unknown>): Promise<void> {
  const cost = await costRefusal(query, params, deps.config);
  if (cost) throw apiError('QUERY_REFUSED', cost.message, cost.details);
}

/**
 * Refuses (throws an ApiError) unless `query` is a single read-only statement
 * whose cost is bounded: the text checks, the cost checks, then `EXPLAIN`
 * (nothing is executed) with its query type and plan checked. Returns the
 * query type (always `r`).
 */
export async function checkQuery(deps: Deps, query: string, params?: Record<string, unknown>, opts: CheckOptions = {}): Promise<Verdict> {
  // Before the verdict cache: it depends on the parameter values too.
  const hidden = savedViewRefusal(lexCypher(query), params);
  if (hidden) throw apiError('QUERY_REFUSED', hidden);
  const cached = cachedVerdict(deps, query);
  if (cached) {
    await checkCost(deps, query, params);
    return cached;
  }
  const reason = textRefusal(query);
  if (reason) throw apiError('QUERY_REFUSED', reason);
  await checkCost(deps, query, params);
  const verdict = await checkPlan(deps, query, params, opts);
  rememberVerdict(deps, query, verdict);
  return verdict;
}

/**
 * The EXPLAIN layer of checkQuery alone (no text checks): throws an ApiError
 * unless Neo4j plans `query` as read-only (query type `r`) with no refused
 * operator. Exported so tests can show this layer holds on its own.
 */
export async function checkPlan(deps: Deps, query: string, params?: Record<string, unknown>, opts: CheckOptions = {}): Promise<Verdict> {
  const { QUERY_PLAN_TIMEOUT_MS, QUERY_TIMEOUT_MS } = deps.config;
  const planMs = Math.max(1, Math.floor(opts.planTimeoutMs ?? Math.min(QUERY_PLAN_TIMEOUT_MS, QUERY_TIMEOUT_MS)));
  const summary = await inReadTransaction(deps, async (tx) => (await tx.run(EXPLAIN_PREFIX + query, toNeo4jParams(params))).summary, {
    statement: { text: query, shift: EXPLAIN_PREFIX.length },
    timeoutMs: planMs,
    deadlineMs: planMs,
    limitMs: opts.limitMs ?? planMs,
    timeoutMessage: `parsing and planning the query took longer than ${planMs} ms (QUERY_PLAN_TIMEOUT_MS) and was stopped; simplify the query`,
  });
  const refusal = planRefusal({
    queryType: summary.queryType,
    plan: summary.plan as PlanLike | false,
    summaryDatabase: summary.database?.name ?? undefined,
    expectedDatabase: deps.database,
  });
  if (refusal) throw apiError('QUERY_REFUSED', refusal);
  return { queryType: summary.queryType };
}
