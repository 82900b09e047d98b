/**
 * The API's errors: a small named set, built by one factory. Each code has one
 * HTTP status and says whether retrying may help. Responses carry
 * `{error: {code, message, retriable, details?}}` and never a stack trace.
 */
import { Neo4jError } from 'neo4j-driver';
import type { z } from 'zod';

export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, retriable: false },
  CYPHER_SYNTAX: { status: 400, retriable: false },
  UNAUTHORIZED: { status: 401, retriable: false },
  QUERY_REFUSED: { status: 403, retriable: false },
  NOT_FOUND: { status: 404, retriable: false },
  QUERY_TIMEOUT: { status: 408, retriable: true },
  PAYLOAD_TOO_LARGE: { status: 413, retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retriable: false },
  RATE_LIMITED: { status: 429, retriable: true },
  QUERY_FAILED: { status: 422, retriable: false },
  INTERNAL: { status: 500, retriable: true },
  DB_UNAVAILABLE: { status: 503, retriable: true },
  /** Too many expensive requests at once, or Neo4j short of memory for this one: retry after Retry-After seconds. */
  SERVER_BUSY: { status: 503, retriable: true },
  /** The client closed the connection before the answer (nginx's 499); never seen by that client. */
  CLIENT_CLOSED: { status: 499, retriable: false },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly retriable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code].status;
    this.retriable = ERROR_CODES[code].retriable;
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, retriable: this.retriable, ...(this.details !== undefined ? { details: this.details } : {}) } };
  }
}

export function apiError(code: ErrorCode, message: string, details?: unknown): ApiError {
  return new ApiError(code, message, details);
}

// ---- Neo4j errors, classified by code -------------------------------------

/**
 * What kind of failure a Neo4j driver error is. Decided by the driver
 * error's `code` (the server's `Neo.*` status code, or the driver's own
 * `ServiceUnavailable` / `SessionExpired`), its GQLSTATUS chain and its
 * `retryable` flag, never by its message (which Neo4j may reword at any
 * release). What the driver really gives, as provoked against a stopped
 * Neo4j 5.26 by tests/integration/neo4j-errors.test.ts:
 *
 * - refused connection (Neo4j down): `ServiceUnavailable`, on a direct
 *   (bolt://) and a routing (neo4j://) driver alike;
 * - connection lost mid-query (Neo4j killed): `ServiceUnavailable` on a
 *   direct driver, `SessionExpired` on a routing one;
 * - Neo4j shutting down mid-query: `Neo.TransientError.General.DatabaseUnavailable`;
 * - a closed driver (its pool closed): code `N/A` with only the generic
 *   GQLSTATUS 50N42, like every failure of the driver itself: `driver`.
 *   It is our own lifecycle bug (the server closes the driver only after
 *   the last request), not Neo4j being away, so it is not `unavailable`.
 *
 * Neo4j 5.26 gives most errors the placeholder GQLSTATUS 50N42, so the
 * `Neo.*` code decides; a GQLSTATUS (checked through the cause chain) only
 * adds what no code says (42NA5: another graph than the session's) or
 * stands in when a server sends no `Neo.*` code (class 08: connection).
 */
export type Neo4jFailure =
  /** Neo4j or its database cannot be reached right now. */
  | 'unavailable'
  /** The transaction ran out of its time limit. */
  | 'timeout'
  /** Neo4j ran short of memory for the transaction (its pool or the per-transaction limit). */
  | 'memory'
  /** The statement does not parse. */
  | 'syntax'
  /** A write attempted in a read transaction. */
  | 'write'
  /** An administration command where none may run. */
  | 'admin'
  /** The statement reaches for another graph (database) than the session's. */
  | 'other-graph'
  /** Authentication or authorization refused. */
  | 'security'
  /** Any other fault of the statement or its parameters (arithmetic, missing parameter, unknown procedure...). */
  | 'client'
  /** Any other passing failure of Neo4j: retrying may succeed. */
  | 'transient'
  /** Neo4j itself failed (`Neo.DatabaseError.*`). */
  | 'database'
  /** The driver failed on its own, without a server code (a closed driver, a protocol error). */
  | 'driver';

/** What the classifier reads of an error's cause chain (the driver's GQLError and Neo4jError). */
interface GqlFields {
  gqlStatus?: unknown;
  cause?: unknown;
}

/** The driver's own codes for a lost or refused connection (neo4j-driver-core error.ts). */
const DRIVER_UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
/** The server's codes for a database that cannot serve right now. */
const SERVER_UNAVAILABLE = new Set(['Neo.TransientError.General.DatabaseUnavailable']);
const TIMEOUT = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);
/** Last part of the memory codes (`Neo.TransientError.General.MemoryPoolOutOfMemoryError`, ...), whatever their class. */
const MEMORY = new Set(['MemoryPoolOutOfMemoryError', 'TransactionOutOfMemoryError', 'TransactionMemoryLimit', 'OutOfMemoryError']);
const ADMIN = new Set(['Neo.ClientError.Statement.UnsupportedAdministrationCommand', 'Neo.ClientError.Statement.NotSystemDatabaseError']);
/** GQLSTATUS: accessing several graphs in one query (composite databases only). */
const GQL_OTHER_GRAPH = '42NA5';
/** GQLSTATUS: memory pool out of memory, transaction memory limit reached. */
const GQL_MEMORY = new Set(['51N72', '51N73']);

/** The GQLSTATUS of the error and of each cause it holds, outermost first. */
function gqlStatuses(err: Neo4jError): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 10 && e && typeof e === 'object'; depth++) {
    const g = (e as GqlFields).gqlStatus;
    if (typeof g === 'string') out.push(g);
    e = (e as GqlFields).cause;
  }
  return out;
}

/**
 * The kind of a Neo4j driver error, or undefined when `err` is not the
 * driver's Neo4jError: see Neo4jFailure.
 *
 * @example
 *   classifyNeo4jError(err) === 'unavailable' // ServiceUnavailable, SessionExpired, DatabaseUnavailable
 */
export function classifyNeo4jError(err: unknown): Neo4jFailure | undefined {
  if (!(err instanceof Neo4jError)) return undefined;
  const code = String(err.code ?? '');
  const gql = gqlStatuses(err);
  if (DRIVER_UNAVAILABLE.has(code) || SERVER_UNAVAILABLE.has(code)) return 'unavailable';
  if (TIMEOUT.has(code)) return 'timeout';
  if (MEMORY.has(code.slice(code.lastIndexOf('.') + 1)) || gql.some((g) => GQL_MEMORY.has(g))) return 'memory';
  if (code === 'Neo.ClientError.Statement.SyntaxError') return 'syntax';
  if (code === 'Neo.ClientError.Statement.AccessMode') return 'write';
  if (ADMIN.has(code)) return 'admin';
  if (gql.includes(GQL_OTHER_GRAPH)) return 'other-graph';
  if (code.startsWith('Neo.ClientError.Security.')) return 'security';
  if (code.startsWith('Neo.ClientError.')) return 'client';
  if (code.startsWith('Neo.TransientError.')) return 'transient';
  if (code.startsWith('Neo.DatabaseError.')) return 'database';
  // No server code: a GQLSTATUS of class 08 is a connection exception; the driver's retryable flag a passing failure.
  if (gql.some((g) => g.startsWith('08'))) return 'unavailable';
  if (err.retryable) return 'transient';
  return 'driver';
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

/**
 * Neo4j's message without the echoed query and caret, and the position it
 * names mapped back to the user's text (`shift`: characters the app put
 * before it, e.g. `EXPLAIN `). Wording only: the kind comes from the code.
 */
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

/** How a Neo4j error is to be answered: whose statement failed, and under which time limit. */
export interface Neo4jErrorContext {
  /** The transaction's time limit in ms (named in the QUERY_TIMEOUT message). */
  timeoutMs?: number;
  /**
   * The user's own statement (ad-hoc Cypher): its faults are the user's to
   * fix (4xx naming where), and Neo4j's passing failures are answered as
   * failures of that query. Without it the statement is one of ours: its
   * faults are bugs (passed on: 500, logged), Neo4j's passing failures a
   * load problem (503 SERVER_BUSY).
   */
  statement?: { text: string; shift?: number };
}

/**
 * The one mapping of a Neo4j driver error to the API's errors, from
 * classifyNeo4jError. ApiErrors and errors that are not Neo4j's are
 * returned as they are; so are faults of our own statements and Neo4j's own
 * failures (the app's error handler answers 500 and logs them).
 *
 * @example
 *   catch (err) { throw toApiError(err, { timeoutMs, statement: { text: query } }); }
 */
export function toApiError(err: unknown, ctx: Neo4jErrorContext = {}): unknown {
  if (err instanceof ApiError) return err;
  const kind = classifyNeo4jError(err);
  if (kind === undefined) return err;
  const limit = ctx.timeoutMs !== undefined ? `${ctx.timeoutMs} ms ` : '';
  if (kind === 'unavailable') return apiError('DB_UNAVAILABLE', 'Neo4j is not reachable right now; retry shortly');
  if (!ctx.statement) {
    if (kind === 'timeout') return apiError('QUERY_TIMEOUT', `the query ran longer than the ${limit}time limit and was stopped; narrow it (filters, a lower limit or depth)`);
    if (kind === 'memory') return apiError('SERVER_BUSY', 'Neo4j is short of memory for this request right now; retry shortly, or narrow it (filters, a lower limit or depth)');
    if (kind === 'transient') return apiError('SERVER_BUSY', 'Neo4j could not answer right now (transient error); retry shortly');
    return err;
  }
  if (kind === 'timeout') return apiError('QUERY_TIMEOUT', `the query ran longer than the ${limit}time limit and was stopped`);
  if (kind === 'database' || kind === 'driver') return err;
  const e = err as Neo4jError;
  const { text, shift = 0 } = ctx.statement;
  const { message, position } = describeNeo4jMessage(e.message || e.code, text, shift);
  switch (kind) {
    case 'syntax':
      // Several statements are a SyntaxError too (Neo4j 5.26 has no code of its own for them): the text
      // checks refuse them before Neo4j sees them (403), so only the EXPLAIN layer alone answers 400 here.
      return apiError('CYPHER_SYNTAX', message, position);
    case 'admin':
      return apiError('QUERY_REFUSED', `administration commands are not allowed (${message})`);
    case 'write':
      return apiError('QUERY_REFUSED', `write queries are not allowed (${message})`);
    case 'security':
      return apiError('QUERY_REFUSED', `the database refused the query (${message})`);
    case 'other-graph':
      return apiError('QUERY_REFUSED', 'queries on another database are not allowed');
    default:
      // client, transient, memory: the query failed as written (a transaction over its memory limit included).
      return apiError('QUERY_FAILED', message, position);
  }
}

/** Every problem of a zod parse as one line: `where "path": message; ...`. */
export function formatZodError(error: z.ZodError, where: string): string {
  return error.issues
    .map((i) => {
      const p = i.path.map(String).join('.');
      return `${where}${p ? ` "${p}"` : ''}: ${i.message}`;
    })
    .join('; ');
}
