/**
 * The plan layer of the Cypher safety check (see index.ts): given the
 * query type and the plan that `EXPLAIN` returned, say why a query must not
 * run, or null when it may. This is the real guarantee; the text checks
 * (text-checks.ts) only answer earlier and with clearer messages.
 *
 * Refused: any query type other than `r` (READ_ONLY); the operators LoadCSV,
 * TransactionApply / TransactionForeach (`CALL { } IN TRANSACTIONS`),
 * AdministrationCommand, every Show* operator except ShowIndexes and
 * ShowConstraints (SHOW TRANSACTIONS, SETTINGS, PROCEDURES, FUNCTIONS... are
 * query type `r` in Neo4j 5.26), Terminate*, index and constraint commands,
 * every writing operator, procedure calls outside ALLOWED_PROCEDURES, and any
 * operator planned on another database than the session's.
 */

/** Read-only catalogue and search procedures a query may CALL. */
export const ALLOWED_PROCEDURES = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
] as const;

const ALLOWED_LOWER = new Set<string>(ALLOWED_PROCEDURES.map((p) => p.toLowerCase()));

/** True when `name` (dotted, no backticks) is on the allowlist. Compared without case. */
export function isAllowedProcedure(name: string): boolean {
  return ALLOWED_LOWER.has(name.toLowerCase());
}

export function procedureRefusal(name: string): string {
  return `procedure ${name} is not allowed; allowed: ${ALLOWED_PROCEDURES.join(', ')}`;
}

/** The plan shape of neo4j-driver's ResultSummary.plan (only what is used here). */
export interface PlanLike {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanLike[];
}

export interface PlanOperator {
  /** Operator name without the `@database` suffix, e.g. `ProcedureCall`. */
  name: string;
  /** The database the operator runs on (the `@db` suffix), when given. */
  database: string | undefined;
  details: string | undefined;
}

/** Every operator of the plan, depth first. */
export function planOperators(plan: PlanLike): PlanOperator[] {
  const out: PlanOperator[] = [];
  const seen = new Set<PlanLike>();
  const visit = (p: PlanLike | undefined, depth: number): void => {
    if (!p || seen.has(p) || depth > 10_000) return;
    seen.add(p);
    const at = p.operatorType.indexOf('@');
    const details = p.arguments?.Details ?? p.arguments?.details;
    out.push({
      name: at >= 0 ? p.operatorType.slice(0, at) : p.operatorType,
      database: at >= 0 ? p.operatorType.slice(at + 1) : undefined,
      details: typeof details === 'string' ? details : undefined,
    });
    for (const c of p.children ?? []) visit(c, depth + 1);
  };
  visit(plan, 0);
  return out;
}

/** The procedure name at the start of a ProcedureCall's Details (`db.labels() :: (label :: STRING)`). */
export function procedureNameFromDetails(details: string | undefined): string | undefined {
  if (!details) return undefined;
  const m = /^\s*((?:`[^`]*`|[^\s(`.]+)(?:\s*\.\s*(?:`[^`]*`|[^\s(`.]+))*)\s*\(/u.exec(details);
  if (!m?.[1]) return undefined;
  return m[1]
    .split('.')
    .map((part) => part.trim().replace(/^`|`$/g, ''))
    .join('.');
}

const READABLE_SHOW = new Set(['ShowIndexes', 'ShowConstraints']);

/** Operators that write (a second check behind the query type). */
const WRITE_OPERATOR = /^(Create|Merge|LockingMerge|Delete|DetachDelete|Set[A-Z]\w*|Remove[A-Z]\w*|Foreach)$|^(Create|Drop)(Index|Constraint)|^DoNothingIf/;

function showName(op: string): string {
  // ShowTransactions -> SHOW TRANSACTIONS
  return op.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

const QUERY_TYPE_REASON: Record<string, string> = {
  rw: 'write queries are not allowed (query type: rw)',
  w: 'write queries are not allowed (query type: w)',
  s: 'schema and administration commands are not allowed (query type: s)',
};

export interface PlanCheckInput {
  queryType: string | undefined;
  plan: PlanLike | false | undefined | null;
  /** The database the summary says the query was planned on. */
  summaryDatabase: string | undefined;
  /** The configured database, when one is configured. */
  expectedDatabase: string | undefined;
}

/** Why the explained query must not run, or null when it may. */
export function planRefusal({ queryType, plan, summaryDatabase, expectedDatabase }: PlanCheckInput): string | null {
  if (expectedDatabase !== undefined && summaryDatabase !== undefined && summaryDatabase !== expectedDatabase) {
    return `queries on another database are not allowed (planned on ${summaryDatabase})`;
  }
  if (!plan) return 'the query plan could not be checked';
  const ops = planOperators(plan);
  if (ops.length === 0) return 'the query plan could not be checked';
  const db = expectedDatabase ?? summaryDatabase;
  for (const op of ops) {
    if (op.name === 'AdministrationCommand' || op.name.startsWith('System')) return 'administration commands are not allowed';
    if (op.database !== undefined && db !== undefined && op.database !== db) {
      return `queries on another database are not allowed (planned on ${op.database})`;
    }
    if (op.name === 'LoadCSV') return 'LOAD CSV is not allowed';
    if (op.name === 'TransactionApply' || op.name === 'TransactionForeach') return 'CALL { } IN TRANSACTIONS is not allowed';
    if (op.name.startsWith('Terminate')) return `${showName(op.name)} is not allowed`;
    if (op.name.startsWith('Show') && !READABLE_SHOW.has(op.name)) {
      return `${showName(op.name)} is not allowed; of the SHOW commands only SHOW INDEXES and SHOW CONSTRAINTS are`;
    }
    if (/ProcedureCall/i.test(op.name)) {
      const name = procedureNameFromDetails(op.details);
      if (!name) return 'a procedure call whose name could not be read from the plan is not allowed';
      if (!isAllowedProcedure(name)) return procedureRefusal(name);
    }
    if (/^(Create|Drop)(Index|Constraint)/.test(op.name)) return 'index and constraint commands are not allowed';
  }
  if (queryType !== 'r') {
    return QUERY_TYPE_REASON[queryType ?? ''] ?? `only read queries are allowed (query type: ${queryType ?? 'unknown'})`;
  }
  const writer = ops.find((op) => WRITE_OPERATOR.test(op.name));
  if (writer) return `write operations are not allowed (${writer.name})`;
  return null;
}
