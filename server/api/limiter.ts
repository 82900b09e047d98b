/**
 * A bound on the expensive routes running at once (neighbourhoods, entity
 * detail, paths, /api/cypher, the overview, exports): at most `concurrency`
 * run, up to `queue` more wait their turn (first come, first served), and
 * beyond that the request is answered at once with 503 SERVER_BUSY and a
 * Retry-After header instead of piling work onto Neo4j. A waiting request
 * whose client goes away leaves the queue.
 *
 * @example
 *   const limiter = createLimiter({ concurrency: 8, queue: 32, retryAfterSeconds: 2 });
 *   const release = await limiter.acquire(signal); // throws SERVER_BUSY when full
 *   try { ... } finally { release(); }
 */
import { apiError } from '../kernel/errors.ts';

export interface LimiterOptions {
  /** Expensive requests running at once (default 8). */
  concurrency?: number;
  /** Expensive requests waiting for a slot (default 32); 0: none waits. */
  queue?: number;
  /** Seconds a refused client is told to wait (Retry-After; default 2). */
  retryAfterSeconds?: number;
}

export interface Limiter {
  /** Resolves with a release function once a slot is free; throws SERVER_BUSY when the queue is full too. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Requests running and waiting now. */
  stats(): { running: number; waiting: number; concurrency: number; queue: number };
  readonly retryAfterSeconds: number;
}

export const DEFAULT_LIMITS = { concurrency: 8, queue: 32, retryAfterSeconds: 2 } as const;

export function createLimiter(opts: LimiterOptions = {}): Limiter {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_LIMITS.concurrency));
  const queue = Math.max(0, Math.floor(opts.queue ?? DEFAULT_LIMITS.queue));
  const retryAfterSeconds = Math.max(1, Math.floor(opts.retryAfterSeconds ?? DEFAULT_LIMITS.retryAfterSeconds));
  let running = 0;
  const waiting: { grant: () => void }[] = [];

  const releaser = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = waiting.shift();
      if (next) next.grant();
      else running--;
    };
  };

  return {
    retryAfterSeconds,
    stats: () => ({ running, waiting: waiting.length, concurrency, queue }),
    acquire(signal) {
      if (running < concurrency) {
        running++;
        return Promise.resolve(releaser());
      }
      if (waiting.length >= queue) {
        return Promise.reject(
          apiError('SERVER_BUSY', `the server is busy with ${running} expensive requests (${waiting.length} waiting); retry in ${retryAfterSeconds} s`, {
            retryAfterSeconds,
          }),
        );
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser());
          },
        };
        const onAbort = () => {
          const i = waiting.indexOf(entry);
          if (i >= 0) waiting.splice(i, 1);
          reject(apiError('CLIENT_CLOSED', 'the client closed the connection while waiting'));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(entry);
      });
    },
  };
}

/**
 * Express middleware: at most `max` requests of one client (its IP address)
 * at once on this path, running or waiting for the limiter; more are answered
 * 429 RATE_LIMITED at once. With the per-minute rate limit, this keeps one
 * client from filling every slot of the expensive routes with slow queries.
 *
 * @example
 *   app.use('/api/cypher', perClientLimit(2, '/api/cypher'));
 */
export function perClientLimit(max: number, what: string) {
  const active = new Map<string, number>();
  return (req: { ip?: string; socket: { remoteAddress?: string } }, res: { once(e: 'close', f: () => void): unknown }, next: (err?: unknown) => void): void => {
    const key = req.ip ?? req.socket.remoteAddress ?? '?';
    const n = active.get(key) ?? 0;
    if (n >= max) {
      next(apiError('RATE_LIMITED', `too many ${what} requests at once from this client: at most ${max} (CYPHER_CONCURRENCY_PER_CLIENT); wait for an answer first`));
      return;
    }
    active.set(key, n + 1);
    res.once('close', () => {
      const left = (active.get(key) ?? 1) - 1;
      if (left <= 0) active.delete(key);
      else active.set(key, left);
    });
    next();
  };
}
