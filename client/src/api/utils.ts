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

/** Query string from an object; skips undefined, empty strings and empty lists, joins lists with commas. */
export function queryString(params: Record<string, string | number | string[] | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The file name in a Content-Disposition header, or `fallback`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}
