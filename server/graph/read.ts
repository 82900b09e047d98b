/**
 * Built-in read queries: run through read routing (so clusters spread them
 * over followers), on the configured database, with the query timeout.
 *
 * Interactive reads are not retried (no `executeRead`, whose retries of
 * transient errors can hold a request for 30 s): a failure answers at once,
 * as a named error (408 QUERY_TIMEOUT, 503 SERVER_BUSY when Neo4j is short of
 * memory or otherwise transiently failing, 503 DB_UNAVAILABLE). When the
 * request's client goes away (`deps.signal`), the session is closed, which
 * resets the connection and so terminates the transaction on the server.
 */
import neo4j, { type RecordShape, type Record as Neo4jRecord, type Session } from 'neo4j-driver';
import { apiError, toApiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';

/**
 * JavaScript numbers reach Cypher as floats, which LIMIT and friends refuse:
 * top-level integer parameters of the built-in queries go as Cypher integers.
 */
function withIntegers(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' && Number.isSafeInteger(v) ? neo4j.int(v) : v;
  return out;
}

export const clientClosed = () => apiError('CLIENT_CLOSED', 'the client closed the connection before the answer');

/** Maps a driver error of a built-in read to the API's errors (kernel/errors.ts toApiError). */
export function readError(err: unknown, timeoutMs: number): unknown {
  return toApiError(err, { timeoutMs });
}

/**
 * Runs `work` with a read session; when `signal` aborts first, closes the
 * session (the driver sends RESET, and Neo4j stops the transaction) and
 * rejects with CLIENT_CLOSED.
 */
export async function withReadSession<T>(deps: Deps, work: (session: Session) => Promise<T>, opts: { fetchSize?: number } = {}): Promise<T> {
  const { signal } = deps;
  if (signal?.aborted) throw clientClosed();
  const session = deps.driver.session({ database: deps.database, defaultAccessMode: neo4j.session.READ, ...(opts.fetchSize ? { fetchSize: opts.fetchSize } : {}) });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(clientClosed());
      void session.close().catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const running = work(session);
  try {
    return await Promise.race([running, aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    running.catch(() => undefined);
    await session.close().catch(() => undefined);
  }
}

export async function read<T extends RecordShape = RecordShape>(deps: Deps, text: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord<T>[]> {
  const timeoutMs = deps.config.QUERY_TIMEOUT_MS;
  try {
    return await withReadSession(deps, async (session) => {
      const tx = await session.beginTransaction({ timeout: timeoutMs });
      try {
        const res = await tx.run<T>(text, withIntegers(params));
        await tx.commit();
        return res.records;
      } finally {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      }
    });
  } catch (err) {
    throw readError(err, timeoutMs);
  }
}
