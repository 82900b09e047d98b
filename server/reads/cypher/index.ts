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
 *  2. `EXPLAIN` the query (check.ts; nothing runs): the query type must be
 *     `r` and the plan (plan.ts) must hold no LoadCSV, transaction-spawning,
 *     administration, Show/Terminate, schema or writing operator and no
 *     procedure call outside the allowlist. A passing verdict is cached per
 *     exact text and database (verdicts.ts: bounded LRU, VERDICT_CACHE_SIZE):
 *     it depends on the text, not on parameter values, so a repeated query
 *     skips the EXPLAIN round trip. Refusals are not cached.
 *  3. Run it (run.ts) through the one read path (neo4j/read.ts): an explicit
 *     READ transaction (never `executeRead`, which retries) with a
 *     server-side timeout, streaming the records and stopping at the row cap
 *     (`truncated: true`; if the time runs out after the cap was reached, the
 *     rows read are still answered). The transaction is always rolled back,
 *     never committed. Nothing is retried. When the HTTP client goes away
 *     (`deps.signal`), the session is closed, which resets the connection
 *     and stops the transaction in Neo4j.
 *
 * Rows become JSON and a graph in rows.ts. Parameters are always sent as
 * parameters (integers converted once, by neo4j/params.ts). Errors become
 * ApiErrors (kernel/errors.ts toApiError): QUERY_REFUSED 403, CYPHER_SYNTAX
 * 400 (with line/column/offset), QUERY_TIMEOUT 408, QUERY_FAILED 422,
 * DB_UNAVAILABLE 503.
 */
export { lexCypher, decodeUnicodeEscapes, type Token, type TokenKind } from './lex.ts';
export { textRefusal } from './text-checks.ts';
export { ALLOWED_PROCEDURES } from './plan.ts';
export { checkPlan, checkQuery } from './check.ts';
export { VERDICT_CACHE_SIZE, verdictCache } from './verdicts.ts';
export { runSafeQuery, streamSafeQuery, type SafeRunOptions, type StreamOutcome } from './run.ts';
