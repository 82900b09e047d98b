// Integration tests of the Docker-free local Neo4j (launcher/ + server/neo4j/launcher.ts),
// checked with the real neo4j-driver. Needs Java 17+ and Maven (first run builds launcher/).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLauncherBuilt, findFreePort, startLocalNeo4j } from '../../server/neo4j/launcher.ts';
import type { LocalNeo4j } from '../../server/neo4j/launcher.ts';

const HOOK_TIMEOUT = 600_000; // first run builds the launcher (Maven downloads Neo4j)
const TEST_TIMEOUT = 180_000;
const HEAP = '1g';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withDriver<T>(neo: LocalNeo4j, password: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, password), { connectionTimeout: 10_000 });
  try {
    return await fn(driver);
  } finally {
    await driver.close();
  }
}

describe('local Neo4j launcher', () => {
  let dataDir = '';
  let port = 0;
  let neo: LocalNeo4j | undefined;
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };

  const savedPassword = process.env.NEO4J_PASSWORD;

  beforeAll(async () => {
    delete process.env.NEO4J_PASSWORD; // these tests exercise the generated password
    await ensureLauncherBuilt((line) => console.log(line));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-neo4j-test-'));
    port = await findFreePort();
    neo = await startLocalNeo4j({ port, dataDir, heap: HEAP, log });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    if (savedPassword !== undefined) process.env.NEO4J_PASSWORD = savedPassword;
    await neo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, HOOK_TIMEOUT);

  it('starts, reports 5.26 and accepts the generated password; password file is 0600', { timeout: TEST_TIMEOUT }, async () => {
    const n = neo!;
    expect(n.uri).toBe(`bolt://127.0.0.1:${port}`);
    expect(n.user).toBe('neo4j');
    expect(n.version).toMatch(/^5\.26\./);
    expect(path.resolve(n.dataDir)).toBe(path.resolve(dataDir));
    expect(n.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(isAlive(n.pid)).toBe(true);
    // Its own process group: a terminal's Ctrl+C reaches Node only, which stops Neo4j on purpose.
    const pgid = (pid: number): string => execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    expect(pgid(n.pid)).toBe(String(n.pid));
    expect(pgid(n.pid)).not.toBe(pgid(process.pid));

    const pwFile = path.join(dataDir, 'password');
    expect((await stat(pwFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(pwFile, 'utf8')).trim()).toBe(n.password);
    // The password is never printed.
    expect(logs.join('\n')).not.toContain(n.password);

    const components = await withDriver(n, n.password, async (driver) => {
      const res = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition');
      return res.records.map((r) => r.toObject() as { name: string; versions: string[]; edition: string });
    });
    expect(components[0]?.name).toBe('Neo4j Kernel');
    expect(components[0]?.versions[0]).toMatch(/^5\.26/);
    expect(components[0]?.edition).toBe('community');
  });

  it('rejects a wrong password (auth is on)', { timeout: TEST_TIMEOUT }, async () => {
    const n = neo!;
    await expect(withDriver(n, 'definitely-not-the-password', (d) => d.executeQuery('RETURN 1'))).rejects.toMatchObject({
      code: 'Neo.ClientError.Security.Unauthorized',
    });
  });

  it('refuses LOAD CSV from file:// URLs', { timeout: TEST_TIMEOUT }, async () => {
    const n = neo!;
    await expect(
      withDriver(n, n.password, (d) => d.executeQuery("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")),
    ).rejects.toThrow(/allow_csv_import_from_file_urls|file/i);
  });

  it('fails clearly when the store is locked or the port is taken', { timeout: TEST_TIMEOUT }, async () => {
    // Same data dir, other port: the running instance holds the store lock.
    const otherPort = await findFreePort();
    await expect(startLocalNeo4j({ port: otherPort, dataDir, heap: '512m' })).rejects.toThrow(/locked by another process/);

    // Port held by someone else.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-neo4j-test-'));
    try {
      await expect(startLocalNeo4j({ port: taken, dataDir: otherDir, heap: '512m' })).rejects.toThrow(/already in use/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('keeps data and the generated password across stop/start; stop leaves no process', { timeout: TEST_TIMEOUT }, async () => {
    const first = neo!;
    const marker = `m-${Date.now()}`;
    await withDriver(first, first.password, (d) => d.executeQuery('CREATE (:LauncherTest {marker: $marker})', { marker }));

    await first.stop();
    await first.stop(); // idempotent
    expect(() => process.kill(first.pid, 0)).toThrow();
    expect(logs).toContain('CLAIMGRAPH_NEO4J_STOPPED');
    // How it ended: asked for, clean, not out of memory.
    expect(await first.exited).toMatchObject({ requested: true, clean: true, outOfMemory: undefined });
    neo = undefined;

    logs.length = 0;
    neo = await startLocalNeo4j({ port, dataDir, heap: HEAP, log });
    const second = neo;
    expect(second.pid).not.toBe(first.pid);
    expect(second.password).toBe(first.password);

    const count = await withDriver(second, first.password, async (d) => {
      const res = await d.executeQuery('MATCH (n:LauncherTest {marker: $marker}) RETURN count(n) AS c', { marker });
      return Number(res.records[0]?.get('c'));
    });
    expect(count).toBe(1);

    // A clean shutdown means the restart needed no recovery.
    const debugLog = await readFile(path.join(dataDir, 'logs', 'debug.log'), 'utf8');
    expect(debugLog).not.toMatch(/Recovery required|Recovery completed/i);

    await second.stop();
    expect(() => process.kill(second.pid, 0)).toThrow();
    neo = undefined;
  });
});
