/**
 * The Neo4j-error classifier (server/kernel/errors.ts) against what a real
 * Neo4j and the real driver give, including a Neo4j that goes away: shut
 * down cleanly mid-query, down (connections refused), killed mid-query, and
 * a closed driver. Each case checks the driver's code and the kind the
 * classifier gives it, and the read path's answer where one is answered.
 * Uses its own local Neo4j so it can stop, restart and kill it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { classifyNeo4jError, type Neo4jFailure } from '../../server/kernel/errors.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { findFreePort, startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/launcher.ts';
import { read } from '../../server/neo4j/read.ts';

const PASSWORD = 'errors-test-pw';
let db: LocalNeo4j | undefined;
let dataDir = '';
let port = 0;
const drivers: Driver[] = [];

function driverFor(scheme: 'bolt' | 'neo4j'): Driver {
  const d = neo4j.driver(db!.uri.replace(/^bolt:/, `${scheme}:`), neo4j.auth.basic(db!.user, PASSWORD));
  drivers.push(d);
  return d;
}

function depsOf(driver: Driver): Deps {
  const config = loadConfig({ NEO4J_URI: db!.uri, NEO4J_PASSWORD: PASSWORD, LOG_LEVEL: 'silent' });
  return { driver, database: undefined, config, log: createLogger('silent') };
}

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(p: Promise<unknown>): Promise<{ code: string; kind: Neo4jFailure | undefined; err: unknown }> {
  const err = await p.then(
    () => expect.unreachable('expected a failure'),
    (e: unknown) => e,
  );
  return { code: String((err as { code?: unknown }).code), kind: classifyNeo4jError(err), err };
}

async function readTx(driver: Driver, text: string, timeoutMs?: number): Promise<unknown> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const tx = await session.beginTransaction(timeoutMs ? { timeout: timeoutMs } : {});
    return await tx.run(text);
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** A read that runs until stopped: a billion rows counted. */
const slow = (marker: string) => `UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS ${marker}`;

/** Polls until `count` transactions whose text holds `marker` run in Neo4j. */
async function untilRunning(driver: Driver, marker: string, count: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
    const n = records.filter((r) => String(r.get('currentQuery')).includes(marker) && !String(r.get('currentQuery')).includes('SHOW')).length;
    if (n >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ${count} queries marked ${marker} never ran`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-errors-'));
  port = await findFreePort();
  db = await startLocalNeo4j({ port, dataDir, password: PASSWORD });
}, 240_000);

afterAll(async () => {
  for (const d of drivers) await d.close().catch(() => undefined);
  await db?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a running Neo4j', () => {
  it('gives statement faults, timeouts and other-graph access their codes', async () => {
    const driver = driverFor('bolt');
    expect(await failure(readTx(driver, 'RETURN X X'))).toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError', kind: 'syntax' });
    expect(await failure(readTx(driver, 'CREATE (n:Probe)'))).toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode', kind: 'write' });
    expect(await failure(readTx(driver, 'RETURN 1 / 0'))).toMatchObject({ code: 'Neo.ClientError.Statement.ArithmeticError', kind: 'client' });
    expect(await failure(readTx(driver, 'EXPLAIN CALL () { USE system RETURN 1 AS x } RETURN x'))).toMatchObject({ kind: 'other-graph' });
    expect(await failure(readTx(driver, slow('probe_timeout'), 200))).toMatchObject({
      code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      kind: 'timeout',
    });
  });

  it('a closed driver fails with no server code: the driver\'s own failure, passed on by the read path', async () => {
    const driver = driverFor('bolt');
    await driver.executeQuery('RETURN 1');
    await driver.close();
    const f = await failure(readTx(driver, 'RETURN 1'));
    expect(f).toMatchObject({ code: 'N/A', kind: 'driver' });
    const viaReadPath = await failure(read(depsOf(driver), 'RETURN 1'));
    expect(viaReadPath.kind).toBe('driver');
  });
});

describe('a Neo4j that goes away', () => {
  it('shut down cleanly mid-query: DatabaseUnavailable, on a direct and a routing driver', async () => {
    const direct = driverFor('bolt');
    const routing = driverFor('neo4j');
    const a = failure(readTx(direct, slow('probe_shutdown_a')));
    const b = failure(readTx(routing, slow('probe_shutdown_b')));
    await untilRunning(direct, 'probe_shutdown_', 2);
    await db!.stop();
    for (const f of [await a, await b]) expect(f).toMatchObject({ code: 'Neo.TransientError.General.DatabaseUnavailable', kind: 'unavailable' });
  });

  it('down: connections refused are ServiceUnavailable, and the read path answers DB_UNAVAILABLE', async () => {
    for (const scheme of ['bolt', 'neo4j'] as const) {
      const driver = driverFor(scheme);
      expect(await failure(readTx(driver, 'RETURN 1')), scheme).toMatchObject({ code: 'ServiceUnavailable', kind: 'unavailable' });
      const viaReadPath = await failure(read(depsOf(driver), 'RETURN 1'));
      expect(viaReadPath.err, scheme).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503, retriable: true });
    }
  });

  it('killed mid-query: ServiceUnavailable on a direct driver, SessionExpired on a routing one', async () => {
    db = await startLocalNeo4j({ port, dataDir, password: PASSWORD });
    const direct = driverFor('bolt');
    const routing = driverFor('neo4j');
    const a = failure(readTx(direct, slow('probe_kill_a')));
    const b = failure(readTx(routing, slow('probe_kill_b')));
    await untilRunning(direct, 'probe_kill_', 2);
    process.kill(db.pid, 'SIGKILL');
    expect(await a).toMatchObject({ code: 'ServiceUnavailable', kind: 'unavailable' });
    expect(await b).toMatchObject({ code: 'SessionExpired', kind: 'unavailable' });
  });
});
