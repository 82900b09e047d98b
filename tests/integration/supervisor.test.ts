/**
 * The local Neo4j is supervised: the app's server runs against a Neo4j that
 * connect() started (no NEO4J_URI); its JVM is killed with SIGKILL, then made
 * to die of OutOfMemoryError by a list comprehension that Neo4j's memory
 * tracking does not count. Each time /api/health answers 503 until Neo4j is
 * back, then 200, and real queries answer again through the same driver,
 * without restarting the app. Closing the connection (what Ctrl+C / SIGTERM
 * of `npm start` does) stops Neo4j for good. Polls are bounded by a count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { loadConfig } from '../../server/config.ts';
import { importDataset } from '../../server/import/index.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { connect, type Connection } from '../../server/neo4j/connection.ts';
import { findFreePort } from '../../server/neo4j/launcher.ts';

const TEST_TIMEOUT = 400_000;

/** Polls `check` until it returns true: at most `tries` times, `everyMs` apart; fails naming `what`. */
async function until(what: string, check: () => Promise<boolean>, tries = 600, everyMs = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what} after ${tries} polls`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('supervised local Neo4j', () => {
  let dataDir = '';
  let conn: Connection | undefined;
  let server: Server | undefined;
  let base = '';
  const lines: string[] = [];
  const savedHeap = process.env.NEO4J_HEAP;

  const status = async (p: string): Promise<number> => {
    try {
      return (await fetch(base + p)).status;
    } catch {
      return 0;
    }
  };
  const healthIs = (code: number) => async () => (await status('/api/health')) === code;

  /** The mini dataset answers through the API, from a built-in read and from ad-hoc Cypher; returns the entity count. */
  async function expectQueriesAnswer(): Promise<number> {
    const search = await fetch(`${base}/api/search?q=quill`);
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toContain('person-leader');
    const cy = await fetch(`${base}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'MATCH (n:Entity) RETURN count(n) AS entities' }),
    });
    expect(cy.status).toBe(200);
    const body = (await cy.json()) as { columns: string[]; rows: number[][] };
    expect(body.columns).toEqual(['entities']);
    const entities = body.rows[0]![0]!;
    expect(entities).toBeGreaterThan(0);
    return entities;
  }
  let entitiesBefore = 0;

  beforeAll(async () => {
    process.env.NEO4J_HEAP = '512m'; // a small heap runs out quickly in the OutOfMemoryError case
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-supervisor-'));
    const config = loadConfig({
      NEO4J_BOLT_PORT: String(await findFreePort()),
      NEO4J_DATA_DIR: dataDir,
      NEO4J_PASSWORD: 'supervisor-test-pw',
      LOG_LEVEL: 'silent',
    });
    conn = await connect(config, { log: (l) => lines.push(l) });
    await importDataset(conn.driver, 'tests/fixtures/mini', { database: conn.database });
    const app = createApp({ driver: conn.driver, database: conn.database, config, log: createLogger('silent') });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, TEST_TIMEOUT);

  afterAll(async () => {
    if (savedHeap === undefined) delete process.env.NEO4J_HEAP;
    else process.env.NEO4J_HEAP = savedHeap;
    if (server) await new Promise((r) => server!.close(r));
    await conn?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT);

  it('is supervised when started locally, and serves', { timeout: TEST_TIMEOUT }, async () => {
    expect(conn!.local?.status()).toMatchObject({ state: 'up', restarts: 0 });
    expect(await status('/api/health')).toBe(200);
    entitiesBefore = await expectQueriesAnswer();
  });

  it('restarts a JVM killed with SIGKILL: health 503, then 200, queries answer again', { timeout: TEST_TIMEOUT }, async () => {
    const local = conn!.local!;
    const pid = local.pid;
    process.kill(pid, 'SIGKILL');

    await until('/api/health to answer 503', healthIs(503), 200, 100);
    const down = await fetch(`${base}/api/entities/org-hub`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('DB_UNAVAILABLE');

    await until('/api/health to answer 200 again', healthIs(200));
    expect(await expectQueriesAnswer()).toBe(entitiesBefore); // same store, nothing lost

    expect(lines).toContain(`[neo4j] Neo4j (pid ${pid}) was killed by SIGKILL; restarting in 1 s (attempt 1)`);
    expect(lines.some((l) => /^\[neo4j\] Neo4j is back \(pid \d+\) after [\d.]+ s down$/.test(l))).toBe(true);
    expect(local.pid).not.toBe(pid);
    expect(alive(pid)).toBe(false);
    expect(local.status()).toMatchObject({ state: 'up', restarts: 1, lastExit: 'was killed by SIGKILL' });
  });

  it('restarts a JVM that died of OutOfMemoryError (a list comprehension the memory limit does not count)', { timeout: TEST_TIMEOUT }, async () => {
    const local = conn!.local!;
    const pid = local.pid;
    // Straight to Neo4j, not through the API: the ad-hoc endpoint may refuse such ranges up front.
    // session.run does not retry, so the query cannot kill the restarted instance too.
    const session = conn!.driver.session({ database: conn!.database });
    try {
      await expect(session.run('RETURN size([x IN range(1, $n) | x]) AS n', { n: 100_000_000 })).rejects.toThrow();
    } finally {
      await session.close().catch(() => {});
    }
    await until('the supervisor to report the death', async () => local.status().lastExit?.startsWith('ran out of memory') === true);
    await until('/api/health to answer 200 again', healthIs(200));
    expect(await expectQueriesAnswer()).toBe(entitiesBefore); // same store, nothing lost
    // Attempt 2 (2 s) when it died within a minute of the last restart, else the series starts over.
    const died = new RegExp(`^\\[neo4j\\] Neo4j \\(pid ${pid}\\) ran out of memory \\(Java heap space\\); restarting in [12] s \\(attempt [12]\\)$`);
    expect(lines.filter((l) => died.test(l))).toHaveLength(1);
    expect(local.status()).toMatchObject({ state: 'up', restarts: 2 });
  });

  it('a Neo4j that does not answer (SIGSTOP) gets health 503 instead of a hanging request, and 200 once it answers', { timeout: TEST_TIMEOUT }, async () => {
    const local = conn!.local!;
    const pid = local.pid;
    process.kill(pid, 'SIGSTOP');
    try {
      expect(await status('/api/health')).toBe(503); // the health check's own deadline, not the client's patience
      expect(local.status()).toMatchObject({ state: 'up', pid }); // alive: not restarted
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until('/api/health to answer 200 again', healthIs(200));
    expect(local.pid).toBe(pid);
  });

  it('a clean stop (what Ctrl+C / SIGTERM of the app does) stops Neo4j without a restart', { timeout: TEST_TIMEOUT }, async () => {
    const local = conn!.local!;
    const pid = local.pid;
    const before = lines.length;
    await conn!.close();
    expect(alive(pid)).toBe(false);
    expect(local.status()).toEqual({ state: 'stopped', restarts: 2, pid: undefined, lastExit: expect.stringContaining('ran out of memory') });
    expect(lines.slice(before).filter((l) => l.includes('restarting'))).toEqual([]);
    expect(await status('/api/health')).toBe(503);
  });
});
