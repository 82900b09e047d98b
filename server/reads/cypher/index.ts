/**
 * Read-only Cypher for /api/cypher, `claimgraph query` and the export of a
 * Cypher selection, safe by construction on Neo4j Community, which has no
 * read-only role. One module per layer:
 *
 *  1. Text checks (text-checks.ts over lex.ts; fast, clear messages, not the
 *     guarantee): one statement only; no EXPLAIN/PROFILE prefix; no USE
 *     clause; no LOAD CSV; no `CALL { } IN TRANSACTIONS`; CALL only of the
 *     read-only catalogue and search procedures in ALLOWED_PROCEDURES; no
 *     apoc/dbms/genai/gds functions; no schema, administration, SHOW (other
 *     than SHOW INDEXES and SHOW CONSTRAINTS) or TERMINATE commands. The text
 *     is lexed first, so odd casing, comments, string literals, backticked
 *     names and `\uXXXX` escapes neither hide nor fake anything.
 *  2. Cost checks (cost.ts, growth.ts, regex.ts; with the parameters, on
 *     every request): length, tokens, nesting depth, query options, range()
 *     and nested iteration sizes, values combined with themselves, regular
 *     expressions (recheck), parameter sizes. Refused with 403 naming the
 *     limit (docs/limits.md).
 *  3. `EXPLAIN` the query (check.ts; nothing runs; its own deadline,
 *     QUERY_PLAN_TIMEOUT_MS): the query type must be
 *     `r` and the plan (plan.ts) must hold no LoadCSV, transaction-spawning,
 *     administration, Show/Terminate, schema or writing operator and no
 *     procedure call outside the allowlist. A passing verdict is cached per
 *     exact text and database (verdicts.ts: bounded LRU, VERDICT_CACHE_SIZE):
 *     it depends on the text, not on parameter values, so a repeated query
 *     skips the EXPLAIN round trip. Refusals are not cached.
 *  4. Run it (run.ts) through the one read path (neo4j/read.ts): an explicit
 *     READ transaction (never `executeRead`, which retries) with a
 *     server-side timeout, streaming the records and stopping at the row cap
 *     (`truncated: true`; if the time runs out after the cap was reached, the
 *     rows read are still answered). The transaction is always rolled back,
 *     never committed. Nothing is retried. The check and the run share
 *     QUERY_TIMEOUT_MS. Each record's size is metered as it arrives (size.ts:
 *     QUERY_MAX_BYTES, QUERY_MAX_VALUE_BYTES; 413 RESULT_TOO_LARGE). When the
 *     HTTP client goes away (`deps.signal`), a deadline passes or the budget
 *     is spent, the connection's socket is closed, which stops the
 *     transaction in Neo4j.
 *
 * Rows become JSON and a graph in rows.ts. Parameters are always sent as
 * parameters (integers converted once, by neo4j/params.ts). Errors become
 * ApiErrors (kernel/errors.ts toApiError): QUERY_REFUSED 403, CYPHER_SYNTAX
 * 400 (with line/column/offset), QUERY_TIMEOUT 408, RESULT_TOO_LARGE 413,
 * QUERY_FAILED 422, DB_UNAVAILABLE 503; Neo4j's messages without Java class
 * names or server paths.
 */
export { lexCypher, decodeUnicodeEscapes, type Token, type TokenKind } from './lex.ts';
export { textRefusal } from './text-checks.ts';
export { ALLOWED_PROCEDURES } from './plan.ts';
export { checkCost, checkPlan, checkQuery } from './check.ts';
export { costRefusal, paramsRefusal } from './cost.ts';
export { VERDICT_CACHE_SIZE, verdictCache } from './verdicts.ts';
export { runSafeQuery, streamSafeQuery, type SafeRunOptions, type StreamOutcome } from './run.ts';
