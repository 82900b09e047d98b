/**
 * Read-only Cypher for /api/cypher (and the export of a Cypher selection),
 * safe by construction on Neo4j Community, which has no read-only role:
 *
 *  1. Text checks (fast, clear messages; not the guarantee): one statement
 *     only; no EXPLAIN/PROFILE prefix; no USE clause; no LOAD CSV; no
 *     `CALL { } IN TRANSACTIONS`; CALL only of the read-only catalogue and
 *     search procedures in ALLOWED_PROCEDURES; no apoc/dbms/genai/gds
 *     functions; no schema, administration, SHOW (other than SHOW INDEXES and
 *     SHOW CONSTRAINTS) or TERMINATE commands. The text is lexed first, so
 *     odd casing, comments, string literals, backticked names and `\uXXXX`
 *     escapes neither hide nor fake anything.
 *  2. `EXPLAIN` the query (nothing runs): the query type must be `r` and the
 *     plan (server/query/plan.ts) must hold no LoadCSV, transaction-spawning,
 *     administration, Show/Terminate, schema or writing operator and no
 *     procedure call outside the allowlist. A passing verdict is cached per
 *     exact text and database (bounded LRU, VERDICT_CACHE_SIZE): it depends on
 *     the text, not on parameter values, so a repeated query skips the
 *     EXPLAIN round trip. Refusals are not cached; any other text is checked.
 *  3. Run it in an explicit READ transaction (never `executeRead`, which
 *     retries) with a server-side timeout, streaming the records and stopping
 *     at the row cap (`truncated: true`; if the time runs out after the cap
 *     was reached, the rows read are still answered). The transaction is
 *     always rolled back, never committed. Nothing is retried. When the
 *     HTTP client goes away (`deps.signal`), the session is closed, which
 *     resets the connection and stops the transaction in Neo4j.
 *
 * Parameters are always sent as parameters. Errors become ApiErrors:
 * QUERY_REFUSED 403, CYPHER_SYNTAX 400 (with line/column/offset),
 * QUERY_TIMEOUT 408, QUERY_FAILED 422, DB_UNAVAILABLE 503.
 */
import neo4j, { type Node, type Path, type Record as Neo4jRecord, type Relationship, type Transaction } from 'neo4j-driver';
import type { z } from 'zod';
import { ApiError, apiError, isUnavailable } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { CypherResult } from '../kernel/contract.ts';
import { clientClosed } from '../graph/read.ts';
import { cypher } from '../neo4j/cypher.ts';
import { collectGraph, graphFrom, nodeKey, relationshipToJson, toPlain, type GraphData, type Json } from '../neo4j/values.ts';
import { isAllowedProcedure, planRefusal, procedureRefusal, type PlanLike } from './plan.ts';
// Saved views (investigations) share the database but are not data: refused by name, dropped from results.
import { savedViewRefusal, withoutSavedViews } from '../investigations/isolation.ts';

export { ALLOWED_PROCEDURES } from './plan.ts';

// ---- lexing -----------------------------------------------------------------

/**
 * Replaces `\uXXXX` escapes (a backslash not itself escaped) by their
 * character. Neo4j 5 decodes them even in identifiers (`CALL db.\u0063reateLabel()`
 * names db.createLabel) and a `\u0027` ends a string literal, so the text
 * checks look at the decoded text.
 */
export function decodeUnicodeEscapes(text: string): string {
  return text.replace(/(\\+)u+([0-9a-fA-F]{4})/g, (all, slashes: string, hex: string) =>
    slashes.length % 2 === 1 ? slashes.slice(1) + String.fromCharCode(parseInt(hex, 16)) : all,
  );
}

export type TokenKind = 'word' | 'quoted' | 'string' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words as written; quoted names without their backticks; strings without their quotes. */
  text: string;
  /** `text` upper-cased (for keyword comparison). */
  upper: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;

/**
 * Splits Cypher text into tokens, dropping whitespace and comments. Strings,
 * backticked names and parameters are single tokens, so nothing inside them
 * is read as a keyword. Unterminated strings and comments run to the end
 * (Neo4j then reports a syntax error).
 */
export function lexCypher(source: string): Token[] {
  const text = decodeUnicodeEscapes(source);
  const tokens: Token[] = [];
  const push = (kind: TokenKind, t: string) => tokens.push({ kind, text: t, upper: t.toUpperCase() });
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < n) {
          s += text[j + 1];
          j += 2;
        } else {
          s += text[j];
          j++;
        }
      }
      push('string', s);
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let s = '';
      while (j < n) {
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            s += '`';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      push('quoted', s);
      i = j + 1;
    } else if (c === '$') {
      let j = i + 1;
      if (text[j] === '`') {
        const end = text.indexOf('`', j + 1);
        j = end < 0 ? n : end + 1;
      } else {
        while (j < n && WORD_CHAR.test(text[j]!)) j++;
      }
      push('param', text.slice(i, j));
      i = j;
    } else if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(text[j]!)) j++;
      push('word', text.slice(i, j));
      i = j;
    } else {
      push('punct', c);
      i++;
    }
  }
  return tokens;
}

// ---- text checks ----------------------------------------------------------------

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && (words.length === 0 || words.includes(t.upper));
const isName = (t: Token | undefined): boolean => t?.kind === 'word' || t?.kind === 'quoted';
const isPunct = (t: Token | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;

/** Reads a dotted name (`db.index.fulltext.queryNodes`, backticked parts allowed) starting at tokens[i]. */
function readDottedName(tokens: Token[], i: number): { name: string; parts: number; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  const parts: string[] = [tokens[i]!.text];
  let j = i + 1;
  while (isPunct(tokens[j], '.') && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.text);
    j += 2;
  }
  // A backticked part may itself hold dots (`db.labels`): split so the check sees every part.
  const flat = parts.flatMap((p) => p.split('.'));
  return { name: flat.join('.'), parts: flat.length, next: j };
}

/** Words after which a name cannot start a USE clause or a procedure name (the name is a variable). */
const AFTER_EXPRESSION = new Set([
  'AND', 'OR', 'XOR', 'NOT', 'IN', 'IS', 'STARTS', 'ENDS', 'CONTAINS', 'AS', 'ORDER', 'SKIP', 'OFFSET', 'LIMIT',
  'WHERE', 'RETURN', 'WITH', 'MATCH', 'OPTIONAL', 'UNWIND', 'CALL', 'UNION', 'CREATE', 'MERGE', 'SET', 'DELETE',
  'DETACH', 'NODETACH', 'REMOVE', 'FOREACH', 'YIELD', 'ASC', 'DESC', 'ASCENDING', 'DESCENDING', 'THEN', 'ELSE',
  'END', 'WHEN', 'FINISH', 'LOAD', 'USE', 'INSERT',
]);

/** Namespaces whose functions and procedures are refused wherever they appear. */
const FORBIDDEN_NAMESPACES = new Map<string, string>([
  ['apoc', 'APOC procedures and functions are not allowed'],
  ['dbms', 'dbms procedures and functions are not allowed'],
  ['genai', 'genai functions and procedures are not allowed (they reach the network)'],
  ['gds', 'Graph Data Science procedures are not allowed'],
]);

const INDEX_OR_CONSTRAINT = new Set([
  'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS', 'RANGE', 'TEXT', 'POINT', 'LOOKUP', 'FULLTEXT', 'VECTOR', 'BTREE',
]);

/** First words of schema and administration commands (Neo4j 5 and Enterprise). */
const ADMIN_START = new Set([
  'DROP', 'ALTER', 'RENAME', 'GRANT', 'DENY', 'REVOKE', 'START', 'STOP', 'ENABLE', 'DEALLOCATE', 'REALLOCATE', 'DRYRUN',
]);

/** Words of `CREATE <word>` that make it a schema or administration command rather than a pattern. */
const CREATE_ADMIN = new Set([
  ...INDEX_OR_CONSTRAINT, 'OR', 'USER', 'ROLE', 'DATABASE', 'COMPOSITE', 'ALIAS', 'SERVER', 'IMMUTABLE', 'PRIVILEGE',
]);

/** The command's leading words (`SHOW TRANSACTIONS`, `CREATE USER`), at most `count`. */
function commandWords(tokens: Token[], start: number, count: number): string {
  const words: string[] = [];
  for (let k = start; k < tokens.length && words.length < count; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || (k > start && ['YIELD', 'WHERE', 'RETURN', 'SET', 'IF', 'FOR', 'TO', 'FROM', 'ON'].includes(t.upper))) break;
    words.push(t.text);
  }
  return words.join(' ');
}

/**
 * Why the text of `query` must be refused before it reaches Neo4j, or null.
 * Exported for tests; callers use checkQuery.
 */
export function textRefusal(query: string): string | null {
  const tokens = lexCypher(query);
  if (tokens.length === 0) return null;

  // One statement: a `;` may only end the text.
  const semi = tokens.findIndex((t) => isPunct(t, ';'));
  if (semi >= 0 && semi < tokens.length - 1) return 'multiple statements are not allowed: send one statement at a time';

  // Skip the query options prefix: CYPHER [version] [key=value ...], possibly repeated.
  let i = 0;
  while (isWord(tokens[i], 'CYPHER')) {
    i++;
    if (tokens[i]?.kind === 'word' && /^\d/.test(tokens[i]!.text)) {
      i++;
      while (isPunct(tokens[i], '.') && tokens[i + 1]?.kind === 'word' && /^\d/.test(tokens[i + 1]!.text)) i += 2;
    }
    while (isName(tokens[i]) && isPunct(tokens[i + 1], '=') && (isName(tokens[i + 2]) || tokens[i + 2]?.kind === 'string')) i += 3;
  }
  if (isWord(tokens[i], 'EXPLAIN', 'PROFILE')) return `${tokens[i]!.upper} is not supported here: send the query alone`;

  const first = tokens[i];
  if (isWord(first, 'SHOW')) {
    let j = i + 1;
    while (j < i + 6 && isWord(tokens[j]) && !isWord(tokens[j], 'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS', 'YIELD', 'WHERE')) j++;
    if (!isWord(tokens[j], 'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS')) {
      return `${commandWords(tokens, i, 3)} is not allowed; of the SHOW commands only SHOW INDEXES and SHOW CONSTRAINTS are`;
    }
  } else if (isWord(first, 'TERMINATE')) {
    return `${commandWords(tokens, i, 2)} is not allowed`;
  } else if (isWord(first) && (ADMIN_START.has(first!.upper) || (first!.upper === 'CREATE' && isWord(tokens[i + 1]) && CREATE_ADMIN.has(tokens[i + 1]!.upper)))) {
    const words = commandWords(tokens, i, 3);
    const schema = tokens.slice(i + 1, i + 4).some((t) => isWord(t) && INDEX_OR_CONSTRAINT.has(t.upper));
    return schema ? `index and constraint commands are not allowed (${words})` : `administration commands are not allowed (${words})`;
  }

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    // A property (`n.apoc`) is neither a keyword nor a namespace.
    if (isPunct(prev, '.')) continue;

    const forbidden = FORBIDDEN_NAMESPACES.get(t.text.toLowerCase());
    if (forbidden && isPunct(next, '.')) {
      const name = readDottedName(tokens, k);
      if (name && isPunct(tokens[name.next], '(')) return `${forbidden} (${name.name})`;
    }

    // A label (`:Call`) or an alias (`AS load`) is not a keyword.
    if (isPunct(prev, ':') || isWord(prev, 'AS')) continue;

    if (t.upper === 'USE' && isName(next) && !(next!.kind === 'word' && AFTER_EXPRESSION.has(next!.upper))) {
      return 'USE clauses are not allowed: queries run on the configured database';
    }
    if (t.upper === 'LOAD' && isWord(next, 'CSV')) return 'LOAD CSV is not allowed';
    if ((t.upper === 'SHOW' || t.upper === 'TERMINATE') && isWord(next, 'TRANSACTION', 'TRANSACTIONS')) {
      return `${t.upper} TRANSACTIONS is not allowed`;
    }
    if (t.upper === 'IN' && isPunct(prev, '}')) {
      for (let j = k + 1; j < Math.min(tokens.length, k + 64); j++) {
        if (isWord(tokens[j], 'TRANSACTION', 'TRANSACTIONS')) return 'CALL { } IN TRANSACTIONS is not allowed';
        if (isPunct(tokens[j], '{') || isPunct(tokens[j], '}')) break;
      }
    }
    if (t.upper === 'CALL') {
      const name = readDottedName(tokens, k + 1);
      if (name && (name.parts > 1 || isPunct(tokens[name.next], '('))) {
        if (!(name.parts === 1 && AFTER_EXPRESSION.has(name.name.toUpperCase()))) {
          if (!isAllowedProcedure(name.name)) return procedureRefusal(name.name);
        }
      }
    }
  }
  // Backticked namespaces (`apoc`.`load`.json(...)).
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'quoted' || isPunct(tokens[k - 1], '.')) continue;
    const name = readDottedName(tokens, k);
    const forbidden = FORBIDDEN_NAMESPACES.get(name?.name.split('.')[0]?.toLowerCase() ?? '');
    if (name && name.parts > 1 && forbidden && isPunct(tokens[name.next], '(')) return `${forbidden} (${name.name})`;
  }
  return null;
}

// ---- parameters -----------------------------------------------------------------

/**
 * JSON parameter values for the driver: safe integers become Neo4j integers
 * (so `LIMIT $n` and `range(1, $n)` work); everything else is kept as is.
 */
export function toNeo4jParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const conv = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isSafeInteger(v) ? neo4j.int(v) : v;
    if (Array.isArray(v)) return v.map(conv);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, conv(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, conv(v)]));
}

// ---- errors ---------------------------------------------------------------------

const EXPLAIN_PREFIX = 'EXPLAIN ';

interface Neo4jErrorLike {
  code?: string;
  message?: string;
  name?: string;
}

/** Line (1-based), column (1-based) and offset (0-based) of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number; offset: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, o);
  const line = before.split('\n').length;
  const column = o - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, offset: o };
}

const POSITION = /\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

/** Neo4j's message without the echoed query and caret, and the position mapped back to the user's text. */
export function describeNeo4jMessage(
  message: string,
  query: string,
  shift: number,
): { message: string; position?: { line: number; column: number; offset: number } } {
  let text = message;
  const echo = text.search(/\r?\n\s*"/);
  if (echo >= 0) text = text.slice(0, echo);
  text = text.trim();
  const m = POSITION.exec(text);
  if (!m) return { message: text };
  const position = positionOf(query, Number(m[3]) - shift);
  const where = `(line ${position.line}, column ${position.column} (offset: ${position.offset}))`;
  return { message: text.replace(POSITION, ` ${where}`), position };
}

/** Neo.ClientError.Transaction.TransactionTimedOut, ...TimedOutClientConfiguration and the like. */
function isTimeout(e: Neo4jErrorLike): boolean {
  return /TimedOut/i.test(e.code ?? '');
}

/** Maps an error from Neo4j (or the driver) to the API's errors; `shift` is the length of the EXPLAIN prefix when explaining. */
export function toApiError(err: unknown, query: string, shift = 0, timeoutMs?: number): unknown {
  if (err instanceof ApiError) return err;
  if (isUnavailable(err)) return apiError('DB_UNAVAILABLE', 'Neo4j is not reachable right now; retry shortly');
  const e = (err ?? {}) as Neo4jErrorLike;
  const code = e.code ?? '';
  if (!code.startsWith('Neo.')) return err;
  if (isTimeout(e)) {
    return apiError('QUERY_TIMEOUT', `the query ran longer than the ${timeoutMs !== undefined ? `${timeoutMs} ms ` : ''}time limit and was stopped`);
  }
  const { message, position } = describeNeo4jMessage(e.message ?? code, query, shift);
  if (code === 'Neo.ClientError.Statement.SyntaxError') {
    if (/^Expected exactly one statement/i.test(message)) return apiError('QUERY_REFUSED', 'multiple statements are not allowed: send one statement at a time');
    return apiError('CYPHER_SYNTAX', message, position);
  }
  if (/UnsupportedAdministrationCommand|NotSystemDatabaseError/.test(code)) return apiError('QUERY_REFUSED', `administration commands are not allowed (${message})`);
  if (code === 'Neo.ClientError.Statement.AccessMode') return apiError('QUERY_REFUSED', `write queries are not allowed (${message})`);
  if (code.startsWith('Neo.ClientError.Security.')) return apiError('QUERY_REFUSED', `the database refused the query (${message})`);
  if (/Multiple graphs|Attempted to access graph/i.test(message)) return apiError('QUERY_REFUSED', 'queries on another database are not allowed');
  if (code.startsWith('Neo.ClientError.') || code.startsWith('Neo.TransientError.')) return apiError('QUERY_FAILED', message, position);
  return err;
}

// ---- check ----------------------------------------------------------------------

/**
 * Refuses (throws an ApiError) unless `query` is a single read-only statement:
 * the text checks, then `EXPLAIN` (nothing is executed) with its query type
 * and plan checked. Returns the query type (always `r`).
 */
export async function checkQuery(deps: Deps, query: string, params?: Record<string, unknown>): Promise<{ queryType: string }> {
  // Before the verdict cache: it depends on the parameter values too.
  const hidden = savedViewRefusal(lexCypher(query), params);
  if (hidden) throw apiError('QUERY_REFUSED', hidden);
  const key = verdictKey(deps, query);
  const cached = verdicts.get(key);
  if (cached) {
    // Most recently used last.
    verdicts.delete(key);
    verdicts.set(key, cached);
    return cached;
  }
  const reason = textRefusal(query);
  if (reason) throw apiError('QUERY_REFUSED', reason);
  const verdict = await checkPlan(deps, query, params);
  verdicts.set(key, verdict);
  while (verdicts.size > VERDICT_CACHE_SIZE) verdicts.delete(verdicts.keys().next().value!);
  return verdict;
}

/** Passing verdicts kept (each key at most ~20,000 characters of query text: a few MB at most). */
export const VERDICT_CACHE_SIZE = 500;

/**
 * Passing verdicts by database and exact query text, least recently used
 * first (a Map keeps insertion order). Only read-only verdicts are stored:
 * a text not in it, however similar, goes through every check.
 */
const verdicts = new Map<string, { queryType: string }>();

function verdictKey(deps: Deps, query: string): string {
  // JSON of a pair cannot be confused across the boundary of database and text.
  return JSON.stringify([deps.database ?? null, query]);
}

/** The verdict cache, for tests and stats: its size, whether a text is in it, and emptying it. */
export const verdictCache = {
  size: () => verdicts.size,
  has: (deps: Deps, query: string) => verdicts.has(verdictKey(deps, query)),
  clear: () => verdicts.clear(),
};

/**
 * The EXPLAIN layer of checkQuery alone (no text checks): throws an ApiError
 * unless Neo4j plans `query` as read-only (query type `r`) with no refused
 * operator. Exported so tests can show this layer holds on its own.
 */
export async function checkPlan(deps: Deps, query: string, params?: Record<string, unknown>): Promise<{ queryType: string }> {
  const timeoutMs = deps.config.QUERY_TIMEOUT_MS;
  if (deps.signal?.aborted) throw clientClosed();
  const session = deps.driver.session({ database: deps.database, defaultAccessMode: neo4j.session.READ });
  try {
    let summary;
    try {
      ({ summary } = await session.run(EXPLAIN_PREFIX + query, toNeo4jParams(params), { timeout: timeoutMs }));
    } catch (err) {
      throw toApiError(err, query, EXPLAIN_PREFIX.length, timeoutMs);
    }
    if (deps.signal?.aborted) throw clientClosed();
    const refusal = planRefusal({
      queryType: summary.queryType,
      plan: summary.plan as PlanLike | false,
      summaryDatabase: summary.database?.name ?? undefined,
      expectedDatabase: deps.database,
    });
    if (refusal) throw apiError('QUERY_REFUSED', refusal);
    return { queryType: summary.queryType };
  } finally {
    await session.close();
  }
}

// ---- run ------------------------------------------------------------------------

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

/** Extra time the client waits beyond the server-side timeout before giving up itself. */
function clientGraceMs(timeoutMs: number): number {
  return Math.max(2_000, Math.round(timeoutMs / 2));
}

function toMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0) || 0;
}

/**
 * Checks the query, then runs it in a READ transaction with a timeout,
 * streaming records to `onRecord` and stopping at the row cap. `after` runs
 * in the same transaction once the records are read.
 */
async function execute<T>(
  deps: Deps,
  query: string,
  params: Record<string, unknown> | undefined,
  opts: SafeRunOptions,
  onRecord: (record: Neo4jRecord) => void | Promise<void>,
  after: ((tx: Transaction) => Promise<T>) | undefined,
): Promise<StreamOutcome & { after: T | undefined }> {
  const { queryType } = await checkQuery(deps, query, params);
  const rowCap = Math.max(1, Math.floor(opts.rowCap ?? deps.config.QUERY_ROW_CAP));
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? deps.config.QUERY_TIMEOUT_MS));
  const session = deps.driver.session({
    database: deps.database,
    defaultAccessMode: neo4j.session.READ,
    fetchSize: Math.min(rowCap + 1, 1000),
  });
  let tx: Transaction | undefined;
  let timer: NodeJS.Timeout | undefined;
  const work = (async () => {
    tx = await session.beginTransaction({ timeout: timeoutMs });
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
      // The cap was reached and the time ran out while Neo4j looked for one more row (or
      // finished a prefetch before discarding the rest): answer with the rows read.
      if (!(rowCount >= rowCap && isTimeout(err as Neo4jErrorLike))) throw err;
      truncated = true;
      await tx.rollback().catch(() => undefined);
      if (after) tx = await session.beginTransaction({ timeout: timeoutMs });
    }
    const extra = after ? await after(tx) : undefined;
    const s = summary as { resultAvailableAfter?: unknown } | undefined;
    return { truncated, rowCount, queryType, resultAvailableAfterMs: toMs(s?.resultAvailableAfter), columns, after: extra };
  })();
  let timedOut = false;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        timedOut = true;
        reject(apiError('QUERY_TIMEOUT', `the query ran longer than the ${timeoutMs} ms time limit and was stopped`));
      },
      timeoutMs + clientGraceMs(timeoutMs),
    );
    // The client went away: closing the session resets the connection, which stops the query in Neo4j.
    onAbort = () => {
      reject(clientClosed());
      void session.close().catch(() => undefined);
    };
    if (deps.signal?.aborted) onAbort();
    else deps.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, guard]);
  } catch (err) {
    throw toApiError(err, query, 0, timeoutMs);
  } finally {
    clearTimeout(timer);
    if (onAbort) deps.signal?.removeEventListener('abort', onAbort);
    const cleanup = (async () => {
      await work.catch(() => undefined);
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      await session.close().catch(() => undefined);
    })();
    // When the client-side guard fired or the client went away, the work may still be draining: let it finish on its own.
    if (!timedOut && !deps.signal?.aborted) await cleanup;
  }
}

/**
 * Checks and runs a read query, calling `onRecord` for each record as it
 * streams in, at most `rowCap` times (default QUERY_ROW_CAP); `truncated`
 * says whether more rows were left. Throws ApiError.
 */
export async function streamSafeQuery(
  deps: Deps,
  query: string,
  params: Record<string, unknown> | undefined,
  opts: SafeRunOptions,
  onRecord: (record: Neo4jRecord) => void | Promise<void>,
): Promise<StreamOutcome> {
  const { after: _after, ...outcome } = await execute(deps, query, params, opts, onRecord, undefined);
  return outcome;
}

const ENDPOINT_BATCH = 1000;

type KeyOf = (elementId: string) => string | undefined;

/**
 * Every node and relationship found in `values`, with the endpoint nodes of
 * relationships fetched in `tx`, and the map from element ids to node ids.
 */
async function graphOf(tx: Transaction, values: unknown[][]): Promise<{ graph: GraphData; keyOf: KeyOf }> {
  const { nodes, rels, missingEndpoints } = collectGraph(values);
  const all = new Map<string, Node>(nodes);
  const ids = [...missingEndpoints];
  for (let k = 0; k < ids.length; k += ENDPOINT_BATCH) {
    const res = await tx.run(cypher('query/nodes-by-element-id'), { ids: ids.slice(k, k + ENDPOINT_BATCH) });
    for (const r of res.records) {
      const n = r.get('n') as Node;
      all.set(n.elementId, n);
    }
  }
  const keys = new Map<string, string>();
  for (const n of all.values()) keys.set(n.elementId, nodeKey(n));
  const graph = graphFrom(all.values(), rels.values() as Iterable<Relationship>);
  // One node per id, and only edges whose both ends are among the nodes.
  const seen = new Set<string>();
  const outNodes = graph.nodes.filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
  const seenEdges = new Set<string>();
  const outEdges = graph.edges.filter(
    (e) => seen.has(e.source) && seen.has(e.target) && (seenEdges.has(e.id) ? false : (seenEdges.add(e.id), true)),
  );
  return { graph: { nodes: outNodes, edges: outEdges }, keyOf: (e) => keys.get(e) };
}

const isPlainMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * A row value as JSON: toPlain, except that relationships (alone, in paths,
 * lists and maps) name their endpoints by the same node ids as the graph.
 */
function rowValueToJson(v: unknown, keyOf: KeyOf): Json {
  if (neo4j.isRelationship(v as never)) return relationshipToJson(v as Relationship, keyOf) as unknown as Json;
  if (neo4j.isPath(v as never)) {
    const path = v as Path;
    const plain = toPlain(path) as { segments: Record<string, Json>[] } & Record<string, Json>;
    plain.segments = plain.segments.map((seg, i) => ({
      ...seg,
      relationship: relationshipToJson(path.segments[i]!.relationship, keyOf) as unknown as Json,
    }));
    return plain;
  }
  if (Array.isArray(v)) return v.map((x) => rowValueToJson(x, keyOf));
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rowValueToJson(x, keyOf)]));
  return toPlain(v);
}

/**
 * Checks and runs a read query and returns the rows (values as JSON, aligned
 * with `columns`), every node and relationship in them as `graph`, whether the
 * row cap cut the result, and a summary. Throws ApiError.
 */
export async function runSafeQuery(
  deps: Deps,
  query: string,
  params?: Record<string, unknown>,
  opts: SafeRunOptions = {},
): Promise<z.output<typeof CypherResult>> {
  const raw: unknown[][] = [];
  const out = await execute(
    deps,
    query,
    params,
    opts,
    (record) => {
      raw.push(record.keys.map((_, i) => record.get(i)));
    },
    (tx) => graphOf(tx, raw),
  );
  const keyOf = out.after?.keyOf;
  return {
    columns: out.columns,
    rows: raw.map((values) => values.map((v) => (keyOf ? rowValueToJson(v, keyOf) : toPlain(v)))),
    graph: out.after?.graph ?? { nodes: [], edges: [] },
    truncated: out.truncated,
    summary: { resultAvailableAfterMs: out.resultAvailableAfterMs, queryType: out.queryType, rowCount: out.rowCount },
  };
}
