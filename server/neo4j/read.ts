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
 *   Neo4j does not stop in time (QUERY_TIMEOUT), or exactly `deadlineMs`
 *   (the EXPLAIN of ad-hoc Cypher: parsing and planning do not stop at the
 *   server's timeout, and a parser stack overflow never answers at all).
 * - The caller's abort signal (`deps.signal`: the HTTP client went away):
 *   the read rejects with CLIENT_CLOSED.
 * - When a read is abandoned (deadline, caller gone, or `abandon()` called by
 *   the work, e.g. an answer over its byte budget), the socket of its
 *   connection is closed at once (abandon): Neo4j then terminates the
 *   transaction, no further record is received, and a connection whose
 *   server never answers does not stay out of the pool for good (a RESET
 *   would wait forever: measured with Neo4j 5.26's parser stack overflow).
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
  /** The client-side deadline in ms (default: timeoutMs + clientGraceMs). */
  deadlineMs?: number;
  /** The time limit named in a QUERY_TIMEOUT message (default timeoutMs; ad-hoc Cypher names its whole budget). */
  limitMs?: number;
  /** The message of a QUERY_TIMEOUT instead of the default one (the EXPLAIN of ad-hoc Cypher names its own limit). */
  timeoutMessage?: string;
}

/** What the work of a read may do besides running statements. */
export interface ReadControl {
  /** Gives up the read: closes its connection (no more records arrive); the work then throws its own error. */
  abandon(): void;
}

export const clientClosed = (): ApiError => apiError('CLIENT_CLOSED', 'the client closed the connection before the answer');

/** Extra time the client waits beyond the server-side timeout before giving up itself. */
export function clientGraceMs(timeoutMs: number): number {
  return Math.max(2_000, Math.round(timeoutMs / 2));
}

interface Closable {
  close(): Promise<void>;
}

/** The socket under a pooled driver connection (DelegateConnection -> ChannelConnection -> NodeChannel -> net.Socket). */
function socketOf(conn: unknown): { destroy(err?: Error): void } | undefined {
  if (conn === null || typeof conn !== 'object') return undefined;
  const channel = (conn as { _delegate?: unknown })._delegate ?? conn;
  const socket = (channel as { _ch?: { _conn?: { destroy?: unknown } } })._ch?._conn;
  return typeof socket?.destroy === 'function' ? (socket as { destroy(err?: Error): void }) : undefined;
}

/**
 * What ends the connection a READ session holds right now (once its
 * transaction has begun), to abandon the read later. The driver has no
 * public call for it, so the session's connection holder is reached by name:
 * the socket is destroyed with an error, which the driver handles as a lost
 * connection (its pending requests fail, the pool drops it). Where those names
 * are not there (another driver version) the connection is closed, or, last,
 * only session.close() runs. It must be taken while the transaction runs:
 * once the driver starts releasing the connection, the holder's promise waits
 * for a RESET that a stuck server never answers.
 */
export function heldConnection(session: Session): Promise<Closable | undefined> {
  const holder = (session as unknown as { _readConnectionHolder?: { _connectionPromise?: Promise<unknown> } })._readConnectionHolder;
  const p = holder?._connectionPromise;
  if (!p) return Promise.resolve(undefined);
  // Never rejects: nobody may be waiting for it (it is awaited only when a read is abandoned), and an
  // unhandled rejection would end the process. The holder's promise resolves to null once the driver
  // has begun releasing the connection (a fast transaction, a connection that failed), which is not an error.
  return p
    .then((c) => {
      const socket = socketOf(c);
      if (socket) return { close: () => Promise.resolve(socket.destroy(new Error('read abandoned: deadline passed, caller gone or answer over budget'))) };
      return c && typeof (c as Closable).close === 'function' ? (c as Closable) : undefined;
    })
    .catch(() => undefined);
}

/** One read's session with its deadline and abort wiring. */
interface ReadScope {
  session: Session;
  timeoutMs: number;
  /** Rejects when the caller goes away (CLIENT_CLOSED) or the deadline passes (QUERY_TIMEOUT); never resolves. */
  stopped: Promise<never>;
  control: ReadControl;
  /** Called once the transaction has begun: takes hold of its connection (see heldConnection). */
  begun(): void;
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
  let connection: Promise<Closable | undefined> = Promise.resolve(undefined);
  const abandon = () => {
    if (abandoned) return;
    abandoned = true;
    // Closing the socket: Neo4j terminates the transaction, no more records arrive, the pool drops the connection.
    void connection
      .then((c) => c?.close())
      .catch(() => undefined)
      .finally(() => session.close().catch(() => undefined));
  };
  const limitMs = opts.limitMs ?? timeoutMs;
  const stopped = new Promise<never>((_, reject) => {
    const give = (err: ApiError) => {
      reject(err);
      abandon();
    };
    timer = setTimeout(
      () => give(apiError('QUERY_TIMEOUT', opts.timeoutMessage ?? `the query ran longer than the ${limitMs} ms time limit and was stopped`)),
      opts.deadlineMs ?? timeoutMs + clientGraceMs(timeoutMs),
    );
    onAbort = () => give(clientClosed());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  return {
    session,
    timeoutMs,
    stopped,
    control: { abandon },
    begun: () => {
      connection = heldConnection(session);
    },
    fail: (err) => {
      if (signal?.aborted && !(err instanceof ApiError)) return clientClosed();
      const e = toApiError(err, { timeoutMs: limitMs, statement: opts.statement });
      return opts.timeoutMessage && e instanceof ApiError && e.code === 'QUERY_TIMEOUT' ? apiError('QUERY_TIMEOUT', opts.timeoutMessage) : e;
    },
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
export async function inReadTransaction<T>(deps: Deps, work: (tx: Transaction, control: ReadControl) => Promise<T>, opts: ReadOptions = {}): Promise<T> {
  const scope = openScope(deps, opts);
  let tx: Transaction | undefined;
  const running = (async () => {
    tx = await scope.session.beginTransaction({ timeout: scope.timeoutMs });
    scope.begun();
    return work(tx, scope.control);
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
    scope.begun();
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
