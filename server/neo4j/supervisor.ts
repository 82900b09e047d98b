/**
 * Keeps the local Neo4j running: when its JVM dies (killed, OutOfMemoryError with
 * -XX:+ExitOnOutOfMemoryError, a crash) it is started again on the same port, data
 * directory and password, after a back-off (1 s, 2 s, 4 s ... capped at 30 s; back
 * to 1 s once an instance has stayed up for a minute), with a log line each time.
 * A driver created for `uri` reconnects by itself once Neo4j is back; until then
 * its queries fail as "unavailable" (the API answers 503).
 *
 * Only a stop() of the supervisor ends supervision: an exit it did not ask for,
 * clean or not, is restarted. `whileStopped(work)` stops Neo4j on purpose for
 * work on its store (the bulk import's offline load), then starts it again
 * with the same settings; that stop is not restarted either. A remote Neo4j
 * (NEO4J_URI) is never supervised.
 *
 *   const neo = await superviseLocalNeo4j({ port, dataDir, log });
 *   neo.status(); // { state: 'up', restarts: 0, pid }
 *   await neo.whileStopped(async () => { ... the store is closed ... });
 *   await neo.stop();
 */
import { describeExit, startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions, type Neo4jExit } from './launcher.ts';

/** `offline`: stopped on purpose by whileStopped(), started again when its work is done. */
export type Neo4jState = 'up' | 'restarting' | 'offline' | 'stopped';

export interface Neo4jStatus {
  state: Neo4jState;
  /** Restarts that succeeded since the supervisor started. */
  restarts: number;
  /** The running JVM's pid; undefined while restarting or stopped. */
  pid: number | undefined;
  /** Why the last instance ended, e.g. "was killed by SIGKILL". */
  lastExit: string | undefined;
}

export interface BackoffOptions {
  /** Delay before the first restart after a death. Default 1000 ms. */
  initialDelayMs?: number;
  /** Cap of the doubling delay. Default 30 000 ms. */
  maxDelayMs?: number;
  /** An instance up at least this long counts as healthy: the next death restarts after initialDelayMs again. Default 60 000 ms. */
  resetAfterMs?: number;
}

export interface SupervisorOptions extends LocalNeo4jOptions {
  backoff?: BackoffOptions;
  /** Starts one instance; tests pass a fake. Default startLocalNeo4j. */
  start?: (opts: LocalNeo4jOptions) => Promise<LocalNeo4j>;
  /** The supervisor's own lines (died, restarting, back). Default: `log`. */
  report?: (line: string) => void;
  /** Called after each successful restart with the new instance. */
  onRestart?: (neo: LocalNeo4j) => void;
}

export interface SupervisedNeo4j {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly version: string;
  readonly dataDir: string;
  /** The current JVM's pid (the last one while restarting). */
  readonly pid: number;
  status(): Neo4jStatus;
  /**
   * Stops Neo4j cleanly (a deliberate stop: nothing restarts it meanwhile),
   * runs `work` while its store is closed, then starts it again on the same
   * port, store and password, whether `work` succeeded or not; resolves with
   * what `work` returned once Neo4j is up again. When that start fails, the
   * usual restarts with back-off take over and this rejects (with the error
   * of `work`, if it failed). One at a time.
   */
  whileStopped<T>(work: () => Promise<T>): Promise<T>;
  /** Stops supervision and Neo4j (clean shutdown); no restart follows. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

/** The delay before restart number `attempt` (0-based) of a series: initial * 2^attempt, capped. */
export function restartDelay(attempt: number, backoff: BackoffOptions = {}): number {
  const { initialDelayMs, maxDelayMs } = { ...DEFAULT_BACKOFF, ...backoff };
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** Starts the local Neo4j (see startLocalNeo4j) and restarts it whenever it dies until stop(). */
export async function superviseLocalNeo4j(opts: SupervisorOptions = {}): Promise<SupervisedNeo4j> {
  const start = opts.start ?? startLocalNeo4j;
  const backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const report = opts.report ?? opts.log ?? ((): void => {});
  const now = (): number => Date.now();

  const first = await start(opts);
  // Restarts reuse exactly what the first instance settled on (port, store, password).
  const again: LocalNeo4jOptions = { ...opts, port: Number(new URL(first.uri).port), dataDir: first.dataDir, password: first.password };

  let current: LocalNeo4j = first;
  let state: Neo4jState = 'up';
  let upSince = now();
  let downSince = 0;
  let attempt = 0;
  let restarts = 0;
  let lastExit: string | undefined;
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let starting: Promise<LocalNeo4j> | undefined;
  /** whileStopped() holds the store: no restart is scheduled meanwhile. */
  let offline = false;

  const schedule = (why: string): void => {
    if (offline) return;
    const delay = restartDelay(attempt, backoff);
    attempt++;
    report(`[neo4j] ${why}; restarting in ${seconds(delay)} (attempt ${attempt})`);
    timer = setTimeout(() => void restart(), delay);
  };

  const watch = (neo: LocalNeo4j): void => {
    void neo.exited.then((exit: Neo4jExit) => {
      if (stopping || exit.requested || neo !== current) return;
      if (now() - upSince >= backoff.resetAfterMs) attempt = 0;
      state = 'restarting';
      downSince = now();
      lastExit = describeExit(exit);
      schedule(`Neo4j (pid ${neo.pid}) ${lastExit}`);
    });
  };

  const restart = async (): Promise<void> => {
    timer = undefined;
    if (stopping) return;
    starting = start(again);
    try {
      const neo = await starting;
      if (stopping) {
        await neo.stop();
        return;
      }
      current = neo;
      state = 'up';
      upSince = now();
      restarts++;
      report(`[neo4j] Neo4j is back (pid ${neo.pid}) after ${seconds(now() - downSince)} down`);
      watch(neo);
      opts.onRestart?.(neo);
    } catch (err) {
      if (stopping) return;
      schedule(`restarting Neo4j failed: ${(err as Error).message.split('\n')[0]}`);
    } finally {
      starting = undefined;
    }
  };

  watch(first);

  const whileStopped = async <T>(work: () => Promise<T>): Promise<T> => {
    if (stopping) throw new Error('Neo4j is stopped (supervision ended)');
    if (offline) throw new Error('Neo4j is already stopped for other work on its store');
    offline = true;
    try {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await starting?.catch(() => undefined); // a restart in flight: it finishes, then stops below
      state = 'offline';
      const pid = current.pid;
      await current.stop();
      report(`[neo4j] Neo4j (pid ${pid}) stopped for work on its store`);
      const t0 = now();
      const outcome = await work().then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (stopping) throw outcome.ok ? new Error('Neo4j supervision ended during work on its store') : outcome.error;
      try {
        const neo = await start(again);
        if (stopping) {
          await neo.stop();
          throw new Error('Neo4j supervision ended during work on its store');
        }
        current = neo;
        state = 'up';
        upSince = now();
        watch(neo);
        report(`[neo4j] Neo4j is back (pid ${neo.pid}) after ${seconds(now() - t0)} of work on its store`);
        opts.onRestart?.(neo);
      } catch (err) {
        if (stopping) throw err;
        offline = false;
        state = 'restarting';
        downSince = now();
        attempt = 0;
        schedule(`starting Neo4j after work on its store failed: ${(err as Error).message.split('\n')[0]}`);
        throw outcome.ok ? err : outcome.error;
      }
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    } finally {
      offline = false;
    }
  };

  let stopped: Promise<void> | undefined;
  return {
    uri: first.uri,
    user: first.user,
    password: first.password,
    version: first.version,
    dataDir: first.dataDir,
    get pid() {
      return current.pid;
    },
    status: () => ({ state, restarts, pid: state === 'up' ? current.pid : undefined, lastExit }),
    whileStopped,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (timer) clearTimeout(timer);
        const inFlight = starting;
        await current.stop();
        if (inFlight) await inFlight.then((neo) => neo.stop()).catch(() => {});
        state = 'stopped';
      })();
      return stopped;
    },
  };
}
