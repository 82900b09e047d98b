/**
 * Errors from the API as one named class: the code the server sent (or a
 * client-side one for network failures and aborts), the HTTP status, and the
 * details (a Cypher error's position, for one).
 */
import type { ErrorPosition } from './types.ts';

export type ApiErrorCode =
  | 'NETWORK'
  | 'ABORTED'
  | 'BAD_RESPONSE'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'QUERY_REFUSED'
  | 'QUERY_SYNTAX'
  | 'QUERY_TIMEOUT'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'DB_UNAVAILABLE'
  | (string & {});

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly retriable = false,
  ) {
    super(message);
  }

  /** The position of a Cypher syntax error, when the server gave one. */
  get position(): ErrorPosition | undefined {
    const d = this.details as Partial<ErrorPosition> | undefined;
    if (d && typeof d === 'object' && typeof d.line === 'number' && typeof d.column === 'number') {
      return { line: d.line, column: d.column, offset: typeof d.offset === 'number' ? d.offset : -1 };
    }
    return undefined;
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof ApiError ? e.code === 'ABORTED' : e instanceof DOMException && e.name === 'AbortError';
}
