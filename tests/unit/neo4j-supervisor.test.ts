/**
 * The supervisor's policy, with stand-in instances and fake timers (no JVM):
 * back-off, reset after a healthy run, retries of failed starts, and no restart
 * after stop(). The real JVM is killed in tests/integration/supervisor.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalNeo4j, LocalNeo4jOptions, Neo4jExit } from '../../server/neo4j/launcher.ts';
import { describeExit } from '../../server/neo4j/launcher.ts';
import { restartDelay, superviseLocalNeo4j } from '../../server/neo4j/supervisor.ts';

interface Fake extends LocalNeo4j {
  die(exit?: Partial<Neo4jExit>): void;
  opts: LocalNeo4jOptions;
}

/** A stand-in for startLocalNeo4j: each call yields a new "JVM" with the next pid. */
function fakeStarter() {
  const started: Fake[] = [];
  let failNext = 0;
  const start = vi.fn(async (opts: LocalNeo4jOptions): Promise<LocalNeo4j> => {
    if (failNext > 0) {
      failNext--;
      throw new Error('Local Neo4j exited (code 3) before it was ready: Bolt port 127.0.0.1:7999 is already in use\nmore lines');
    }
    let resolveExit!: (e: Neo4jExit) => void;
    const exited = new Promise<Neo4jExit>((r) => (resolveExit = r));
    let gone = false;
    const end = (e: Neo4jExit): void => {
      if (gone) return;
      gone = true;
      resolveExit(e);
    };
    const fake: Fake = {
      uri: 'bolt://127.0.0.1:7999',
      user: 'neo4j',
      password: opts.password ?? 'generated-password',
      version: '5.26.30',
      dataDir: opts.dataDir ?? '/data/neo',
      pid: 1000 + started.length,
      exited,
      opts,
      stop: vi.fn(async () => end({ code: 0, signal: null, requested: true, clean: true, outOfMemory: undefined })),
      die: (exit = {}) => end({ code: null, signal: 'SIGKILL', requested: false, clean: false, outOfMemory: undefined, ...exit }),
    };
    started.push(fake);
    return fake;
  });
  return {
    start,
    started,
    failTimes(n: number) {
      failNext = n;
    },
  };
}

const BACKOFF = { initialDelayMs: 1000, maxDelayMs: 8000, resetAfterMs: 60_000 };

describe('restartDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => restartDelay(a))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(restartDelay(3, { initialDelayMs: 500, maxDelayMs: 3000 })).toBe(3000);
    expect(restartDelay(1000)).toBe(30000);
  });
});

describe('describeExit', () => {
  const base: Neo4jExit = { code: null, signal: null, requested: false, clean: false, outOfMemory: undefined };
  it('names out-of-memory, signals, clean stops and exit codes', () => {
    expect(describeExit({ ...base, code: 3, outOfMemory: 'Terminating due to java.lang.OutOfMemoryError: Java heap space' })).toBe(
      'ran out of memory (Java heap space)',
    );
    expect(describeExit({ ...base, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(describeExit({ ...base, code: 143, clean: true })).toBe('was stopped (clean shutdown)');
    expect(describeExit({ ...base, code: 1 })).toBe('exited with code 1');
  });
});

describe('superviseLocalNeo4j', () => {
  let lines: string[];
  const report = (l: string): void => {
    lines.push(l);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('restarts a killed instance after the back-off, on the same port, store and password', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF, port: 7999 });
    expect(neo.status()).toEqual({ state: 'up', restarts: 0, pid: 1000, lastExit: undefined });

    f.started[0]!.die();
    await vi.advanceTimersByTimeAsync(0);
    expect(neo.status()).toMatchObject({ state: 'restarting', pid: undefined, lastExit: 'was killed by SIGKILL' });
    expect(lines).toEqual(['[neo4j] Neo4j (pid 1000) was killed by SIGKILL; restarting in 1 s (attempt 1)']);

    await vi.advanceTimersByTimeAsync(999);
    expect(f.start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.start).toHaveBeenCalledTimes(2);
    expect(f.started[1]!.opts).toMatchObject({ port: 7999, dataDir: '/data/neo', password: 'generated-password' });
    expect(neo.status()).toEqual({ state: 'up', restarts: 1, pid: 1001, lastExit: 'was killed by SIGKILL' });
    expect(neo.pid).toBe(1001);
    expect(lines[1]).toBe('[neo4j] Neo4j is back (pid 1001) after 1 s down');
    await neo.stop();
  });

  it('backs off 1 s, 2 s, 4 s ... in a crash loop and starts over once an instance stayed up', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      f.started[i]!.die({ signal: null, code: 3, outOfMemory: 'Terminating due to java.lang.OutOfMemoryError: Java heap space' });
      await vi.advanceTimersByTimeAsync(0);
      const m = /restarting in (\d+) s/.exec(lines.at(-1)!);
      delays.push(Number(m![1]));
      await vi.advanceTimersByTimeAsync(Number(m![1]) * 1000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 8]);
    expect(lines[0]).toContain('ran out of memory (Java heap space)');

    // Up for a minute: healthy again, the next death restarts after 1 s.
    await vi.advanceTimersByTimeAsync(60_000);
    f.started[5]!.die();
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)).toContain('restarting in 1 s (attempt 1)');
    await neo.stop();
  });

  it('retries a restart that fails, with the next delay', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    f.failTimes(2);
    f.started[0]!.die();
    await vi.advanceTimersByTimeAsync(1000);
    expect(lines.at(-1)).toBe(
      '[neo4j] restarting Neo4j failed: Local Neo4j exited (code 3) before it was ready: Bolt port 127.0.0.1:7999 is already in use; restarting in 2 s (attempt 2)',
    );
    await vi.advanceTimersByTimeAsync(2000);
    expect(lines.at(-1)).toContain('restarting in 4 s (attempt 3)');
    expect(neo.status().state).toBe('restarting');
    await vi.advanceTimersByTimeAsync(4000);
    expect(neo.status()).toMatchObject({ state: 'up', restarts: 1, pid: 1001 });
    expect(f.start).toHaveBeenCalledTimes(4);
    await neo.stop();
  });

  it('restarts an exit it did not ask for even when it was clean (someone stopped the JVM)', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    f.started[0]!.die({ signal: null, code: 143, clean: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(lines[0]).toContain('was stopped (clean shutdown); restarting in 1 s');
    expect(neo.status().state).toBe('up');
    await neo.stop();
  });

  it('does not restart after stop(), and stop() is idempotent', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    await Promise.all([neo.stop(), neo.stop()]);
    expect(f.started[0]!.stop).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.start).toHaveBeenCalledTimes(1);
    expect(neo.status().state).toBe('stopped');
    expect(lines).toEqual([]);
  });

  it('stop() while a restart is pending cancels it', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    f.started[0]!.die();
    await vi.advanceTimersByTimeAsync(500);
    await neo.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.start).toHaveBeenCalledTimes(1);
    expect(neo.status().state).toBe('stopped');
  });

  it('stop() during a restart stops the instance that was starting', async () => {
    const f = fakeStarter();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowStart = vi.fn(async (opts: LocalNeo4jOptions) => {
      if (f.started.length > 0) await gate;
      return f.start(opts);
    });
    const neo = await superviseLocalNeo4j({ start: slowStart, report, backoff: BACKOFF });
    f.started[0]!.die();
    await vi.advanceTimersByTimeAsync(1000);
    expect(slowStart).toHaveBeenCalledTimes(2);
    const stopping = neo.stop();
    release();
    await stopping;
    await vi.advanceTimersByTimeAsync(0);
    expect(f.started[1]!.stop).toHaveBeenCalled();
    expect(neo.status().state).toBe('stopped');
  });
});

describe('superviseLocalNeo4j whileStopped (work on the closed store)', () => {
  let lines: string[];
  const report = (l: string): void => {
    lines.push(l);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops Neo4j on purpose (no restart meanwhile), runs the work, starts it again with the same settings', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF, port: 7999, password: 'secret-password' });
    let during: unknown;
    const result = await neo.whileStopped(async () => {
      during = neo.status();
      expect(f.started[0]!.stop).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(120_000); // however long it takes: nothing restarts the stopped JVM
      expect(f.start).toHaveBeenCalledTimes(1);
      return 42;
    });
    expect(result).toBe(42);
    expect(during).toMatchObject({ state: 'offline', pid: undefined });
    expect(f.start).toHaveBeenCalledTimes(2);
    expect(f.started[1]!.opts).toMatchObject({ port: 7999, dataDir: '/data/neo', password: 'secret-password' });
    expect(neo.status()).toMatchObject({ state: 'up', pid: 1001 });
    expect(lines[0]).toBe('[neo4j] Neo4j (pid 1000) stopped for work on its store');
    expect(lines[1]).toMatch(/^\[neo4j\] Neo4j is back \(pid 1001\) after .* of work on its store$/);

    // The new instance is supervised as usual.
    f.started[1]!.die();
    await vi.advanceTimersByTimeAsync(1000);
    expect(neo.status()).toMatchObject({ state: 'up', pid: 1002 });
    await neo.stop();
  });

  it('starts Neo4j again when the work fails, and rethrows its error', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    await expect(
      neo.whileStopped(async () => {
        throw new Error('importer refused the data');
      }),
    ).rejects.toThrow('importer refused the data');
    expect(neo.status()).toMatchObject({ state: 'up', pid: 1001 });
    await neo.stop();
  });

  it('when Neo4j does not start after the work, rejects and falls back to the restarts with back-off', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    f.failTimes(1);
    await expect(neo.whileStopped(async () => 'done')).rejects.toThrow(/before it was ready/);
    expect(neo.status().state).toBe('restarting');
    expect(lines.at(-1)).toMatch(/starting Neo4j after work on its store failed: .*; restarting in 1 s \(attempt 1\)/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(neo.status()).toMatchObject({ state: 'up', pid: 1001 });
    await neo.stop();
  });

  it('takes over from a pending restart (a crash just before) without a second instance', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    f.started[0]!.die();
    await vi.advanceTimersByTimeAsync(0);
    expect(neo.status().state).toBe('restarting');
    await neo.whileStopped(async () => {
      await vi.advanceTimersByTimeAsync(5000);
      expect(f.start).toHaveBeenCalledTimes(1); // the pending restart was cancelled
    });
    expect(f.start).toHaveBeenCalledTimes(2);
    expect(neo.status()).toMatchObject({ state: 'up', pid: 1001 });
    await neo.stop();
  });

  it('one at a time, and not after stop()', async () => {
    const f = fakeStarter();
    const neo = await superviseLocalNeo4j({ start: f.start, report, backoff: BACKOFF });
    let release!: () => void;
    const first = neo.whileStopped(() => new Promise<void>((r) => (release = r)));
    await vi.advanceTimersByTimeAsync(0);
    await expect(neo.whileStopped(async () => undefined)).rejects.toThrow(/already stopped for other work/);
    release();
    await first;
    await neo.stop();
    await expect(neo.whileStopped(async () => undefined)).rejects.toThrow(/supervision ended/);
    expect(f.start).toHaveBeenCalledTimes(2);
  });
});
