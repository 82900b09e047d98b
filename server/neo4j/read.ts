/**
 * The one read path: every read of the app (built-in reads, exports, the
 * EXPLAIN and run steps of ad-hoc Cypher) goes through here.
 *
 * - A READ session on the configured database, so a cluster routes it to a
 *   follower (read routing), and an explicit transaction with a server-side
 *   timeout (`timeoutMs`, default QUERY_TIMEOUT_MS). Never `executeRead`,
 *   whose retries of transient errors can hold a request for 30 s: a failure
 *   answers at once. The transaction is always rolled back, never committed.
 * - A client-side deadline a little beyond the server's timeout, in case
 *   Neo4j does not stop in time (QUERY_TIMEOUT).
 * - The caller's abort signal (`deps.signal`: the HTTP client went away):
 *   the session is closed, which resets the connection and so stops the
 *   transaction in Neo4j, and the read rejects with CLIENT_CLOSED.
 * - Errors mapped once, by kernel/errors.ts toApiError (the user's statement
 *   named in `statement` for ad-hoc Cypher).
 * - Parameters converted once (params.ts: integers as Cypher integers).
 * - Streaming, for results too big to hold: `streamRead` yields records as
 *   they arrive, `fetchSize` at a time.
 */
import neo4j, { type Record as Neo4jRecord, type RecordShape, type Session, type Transaction } from 'neo4j-driver';
import type { Deps } from '../kernel/deps.ts';
import { apiError, ApiError, toApiError, type Neo4jErrorContext } from '../kernel/errors.ts';
import { toNeo4jParams } from './params.ts';

export { toNeo4jParams } from './params.ts';

export interface ReadOptions {
  /** The transaction's time limit in ms (default QUERY_TIMEOUT_MS of the config). */
  timeoutMs?: number;
  /** Records the driver fetches at a time (its default: 1000). */
  fetchSize?: number;
  /** The user's own statement (ad-hoc Cypher): its errors are the user's to fix (see toApiError). */
  statement?: Neo4jErrorContext['statement'];
}

export const clientClosed = (): ApiError => apiError('CLIENT_CLOSED', 'the client closed the connection before the answer');

/** Extra time the client waits beyond the server-side timeout before giving up itself. */
export function clientGraceMs(timeoutMs: number): number {
  return Math.max(2_000, Math.round(timeoutMs / 2));
}

/** One read's session with its deadline and abort wiring. */
interface ReadScope {
  session: Session;
  timeoutMs: number;
  /** Rejects when the caller goes away (CLIENT_CLOSED) or the deadline passes (QUERY_TIMEOUT); never resolves. */
  stopped: Promise<never>;
  /** The error to throw for `err` (CLIENT_CLOSED once the caller went away). */
  fail(err: unknown): unknown;
  /**
   * Rolls back and closes once `running` settles; awaited unless the read was
   * abandoned (caller gone, deadline passed), when the work may still be
   * draining and is left to finish on its own.
   */
  end(running: Promise<unknown>, tx: () => Transaction | undefined): Promise<void>;
}

function openScope(deps: Deps, opts: ReadOptions): ReadScope {
  const { signal } = deps;
  if (signal?.aborted) throw clientClosed();
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? deps.config.QUERY_TIMEOUT_MS));
  const session = deps.driver.session({
    database: deps.database,
    defaultAccessMode: neo4j.session.READ,
    ...(opts.fetchSize ? { fetchSize: opts.fetchSize } : {}),
  });
  let abandoned = false;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const give = (err: ApiError) => {
      abandoned = true;
      reject(err);
      void session.close().catch(() => undefined);
    };
    timer = setTimeout(
      () => give(apiError('QUERY_TIMEOUT', `the query ran longer than the ${timeoutMs} ms time limit and was stopped`)),
      timeoutMs + clientGraceMs(timeoutMs),
    );
    onAbort = () => give(clientClosed());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  return {
    session,
    timeoutMs,
    stopped,
    fail: (err) => (signal?.aborted && !(err instanceof ApiError) ? clientClosed() : toApiError(err, { timeoutMs, statement: opts.statement })),
    async end(running, tx) {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      const cleanup = (async () => {
        await running.catch(() => undefined);
        const t = tx();
        if (t?.isOpen()) await t.rollback().catch(() => undefined);
        await session.close().catch(() => undefined);
      })();
      if (!abandoned) await cleanup;
    },
  };
}

/**
 * Runs `work` in a read transaction (see the module comment). Throws
 * ApiErrors for what kernel/errors.ts maps, other errors as they are.
 *
 * @example
 *   const n = await inReadTransaction(deps, async (tx) => (await tx.run('MATCH (n) RETURN count(n) AS n')).records[0]?.get('n'));
 */
export async function inReadTransaction<T>(deps: Deps, work: (tx: Transaction) => Promise<T>, opts: ReadOptions = {}): Promise<T> {
  const scope = openScope(deps, opts);
  let tx: Transaction | undefined;
  const running = (async () => {
    tx = await scope.session.beginTransaction({ timeout: scope.timeoutMs });
    return work(tx);
  })();
  try {
    return await Promise.race([running, scope.stopped]);
  } catch (err) {
    throw scope.fail(err);
  } finally {
    await scope.end(running, () => tx);
  }
}

/**
 * One statement's records, through the read path.
 *
 * @example
 *   const rows = await read(deps, cypher('reads/exists'), { ids: ['org-hub'] });
 */
export async function read<T extends RecordShape = RecordShape>(
  deps: Deps,
  text: string,
  params: Record<string, unknown> = {},
  opts: ReadOptions = {},
): Promise<Neo4jRecord<T>[]> {
  return inReadTransaction(deps, async (tx) => (await tx.run<T>(text, toNeo4jParams(params))).records, opts);
}

/**
 * One statement's records as they stream in (`fetchSize` at a time), through
 * the read path. The transaction stays open until the last record is read or
 * the loop stops early, and its time limit counts the consumer's time too.
 *
 * @example
 *   for await (const rec of streamRead(deps, text, params, { fetchSize: 1000 })) write(rec);
 */
export async function* streamRead(
  deps: Deps,
  text: string,
  params: Record<string, unknown> = {},
  opts: ReadOptions = {},
): AsyncGenerator<Neo4jRecord> {
  const scope = openScope(deps, opts);
  let tx: Transaction | undefined;
  let settle: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (settle = resolve));
  try {
    tx = await Promise.race([scope.session.beginTransaction({ timeout: scope.timeoutMs }), scope.stopped]);
    const records = tx.run(text, toNeo4jParams(params))[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([records.next(), scope.stopped]);
      if (next.done) break;
      yield next.value;
    }
  } catch (err) {
    throw scope.fail(err);
  } finally {
    settle();
    await scope.end(running, () => tx);
  }
}
