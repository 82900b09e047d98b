/**
 * The safety check of an ad-hoc query: the text checks (text-checks.ts),
 * then `EXPLAIN` through the read path (nothing runs) with the query type
 * and the plan checked (plan.ts), a passing verdict cached (verdicts.ts).
 */
import { apiError } from '../../kernel/errors.ts';
import type { Deps } from '../../kernel/deps.ts';
import { inReadTransaction, toNeo4jParams } from '../../neo4j/read.ts';
import { planRefusal, type PlanLike } from './plan.ts';
import { lexCypher } from './lex.ts';
// Saved views (investigations) share the database but are not data: refused by name, dropped from results (run.ts).
import { savedViewRefusal } from '../../investigations/isolation.ts';
import { textRefusal } from './text-checks.ts';
import { cachedVerdict, rememberVerdict, type Verdict } from './verdicts.ts';

const EXPLAIN_PREFIX = 'EXPLAIN ';

/**
 * Refuses (throws an ApiError) unless `query` is a single read-only statement:
 * the text checks, then `EXPLAIN` (nothing is executed) with its query type
 * and plan checked. Returns the query type (always `r`).
 */
export async function checkQuery(deps: Deps, query: string, params?: Record<string, unknown>): Promise<Verdict> {
  // Before the verdict cache: it depends on the parameter values too.
  const hidden = savedViewRefusal(lexCypher(query), params);
  if (hidden) throw apiError('QUERY_REFUSED', hidden);
  const cached = cachedVerdict(deps, query);
  if (cached) return cached;
  const reason = textRefusal(query);
  if (reason) throw apiError('QUERY_REFUSED', reason);
  const verdict = await checkPlan(deps, query, params);
  rememberVerdict(deps, query, verdict);
  return verdict;
}

/**
 * The EXPLAIN layer of checkQuery alone (no text checks): throws an ApiError
 * unless Neo4j plans `query` as read-only (query type `r`) with no refused
 * operator. Exported so tests can show this layer holds on its own.
 */
export async function checkPlan(deps: Deps, query: string, params?: Record<string, unknown>): Promise<Verdict> {
  const summary = await inReadTransaction(deps, async (tx) => (await tx.run(EXPLAIN_PREFIX + query, toNeo4jParams(params))).summary, {
    statement: { text: query, shift: EXPLAIN_PREFIX.length },
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
