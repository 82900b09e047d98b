/**
 * The raw-driver baseline of the API benchmark runs "the same Cypher": a
 * driver wrapper records every statement (text and parameters) that the API's
 * own functions send for one request, and `replay` then sends exactly those
 * statements with the bare driver (one session and read transaction each,
 * in the same order), without HTTP, Express, zod, JSON or our post-processing.
 */
import neo4j, { type Driver, type Session } from 'neo4j-driver';

export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

type AnyFn = (...args: unknown[]) => unknown;

function passThrough<T extends object>(target: T, key: string | symbol): unknown {
  const v = Reflect.get(target, key, target) as unknown;
  return typeof v === 'function' ? (v as AnyFn).bind(target) : v;
}

/** A driver whose sessions and transactions append every `run` to `log`. */
export function recordingDriver(real: Driver, log: Statement[]): Driver {
  const record = (text: unknown, params: unknown) => log.push({ text: String(text), params: (params ?? {}) as Record<string, unknown> });
  const wrapTx = <T extends object>(tx: T): T =>
    new Proxy(tx, {
      get(t, k) {
        if (k === 'then') return undefined; // not a thenable: awaiting gives the proxy itself
        if (k === 'run') {
          return (text: unknown, params: unknown, ...rest: unknown[]) => {
            record(text, params);
            return (t as unknown as { run: AnyFn }).run(text, params, ...rest);
          };
        }
        return passThrough(t, k);
      },
    });
  const wrapSession = (s: Session): Session =>
    new Proxy(s, {
      get(t, k) {
        if (k === 'run') {
          return (text: unknown, params: unknown, ...rest: unknown[]) => {
            record(text, params);
            return (t.run as AnyFn)(text, params, ...rest);
          };
        }
        if (k === 'executeRead' || k === 'executeWrite') {
          return (fn: (tx: object) => unknown, cfg?: unknown) => (t[k] as AnyFn)((tx: object) => fn(wrapTx(tx)), cfg);
        }
        if (k === 'beginTransaction') {
          return (cfg?: unknown) => {
            const txp = (t.beginTransaction as AnyFn)(cfg) as object & PromiseLike<object>;
            return new Proxy(txp, {
              get(tp, key) {
                if (key === 'then') {
                  return (ok: (v: unknown) => unknown, fail: (e: unknown) => unknown) => tp.then((tx) => ok(wrapTx(tx)), fail);
                }
                if (key === 'run') return (wrapTx(tp) as unknown as { run: AnyFn }).run;
                return passThrough(tp, key);
              },
            });
          };
        }
        return passThrough(t, k);
      },
    });
  return new Proxy(real, {
    get(t, k) {
      if (k === 'session') return (cfg?: unknown) => wrapSession((t.session as AnyFn)(cfg) as Session);
      return passThrough(t, k);
    },
  });
}

/**
 * Runs the statements one after another with the bare driver, each in its own
 * read transaction (with the API's query timeout when given); resolves to rows read.
 */
export async function replay(driver: Driver, statements: Statement[], timeoutMs?: number): Promise<number> {
  let rows = 0;
  for (const s of statements) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const res = await session.executeRead((tx) => tx.run(s.text, s.params), timeoutMs ? { timeout: timeoutMs } : undefined);
      rows += res.records.length;
    } finally {
      await session.close();
    }
  }
  return rows;
}
