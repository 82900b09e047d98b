/**
 * The API's errors: a small named set, built by one factory. Each code has one
 * HTTP status and says whether retrying may help. Responses carry
 * `{error: {code, message, retriable, details?}}` and never a stack trace.
 */
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

/** Neo.ClientError.Transaction.TransactionTimedOut, ...TimedOutClientConfiguration and the like. */
export function isNeo4jTimeout(err: unknown): boolean {
  return /TimedOut/i.test((err as { code?: string })?.code ?? '');
}

/** Neo4j ran out of transaction memory (its pool or the per-transaction limit): a load problem, not a bad request. */
export function isOutOfMemory(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /MemoryPoolOutOfMemoryError|TransactionOutOfMemoryError|MemoryLimitExceeded/i.test(code);
}

/** Neo4j driver errors that mean the database cannot be reached right now. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  return (
    e?.code === 'ServiceUnavailable' ||
    e?.code === 'SessionExpired' ||
    e?.code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /ECONNREFUSED|Connection was closed|Failed to connect|Pool is closed/i.test(e?.message ?? '')
  );
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
