/**
 * When a remote Neo4j (NEO4J_URI) goes away every data endpoint answers 503
 * with Retry-After, the health check says connected:false, nothing tries to
 * restart it, and the server recovers by itself when Neo4j comes back. Uses
 * its own Neo4j (reached through NEO4J_URI) so it can stop and restart it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { loadConfig } from '../../server/config.ts';
import { connect } from '../../server/neo4j/connection.ts';
import { findFreePort, startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/launcher.ts';
import { importDataset } from '../../server/import/index.ts';

let db: LocalNeo4j | undefined;
let dataDir = '';
afterAll(async () => {
  await db?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('answers 503 with Retry-After while Neo4j is down and recovers when it returns', { timeout: 240_000 }, async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-outage-'));
  const port = await findFreePort();
  db = await startLocalNeo4j({ port, dataDir, password: 'outage-test-pw' });
  const config = loadConfig({ NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password, LOG_LEVEL: 'silent' });
  const lines: string[] = [];
  const conn = await connect(config, { log: (l) => lines.push(l) });
  expect(conn.local).toBeUndefined(); // a remote Neo4j is not supervised
  const driver = conn.driver;
  await importDataset(driver, 'tests/fixtures/mini');
  const app = createApp({ driver, database: undefined, config, log: createLogger('silent') });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect((await fetch(`${base}/api/search?q=nwm`)).status).toBe(200);
    await db.stop();

    const endpoints = ['/api/health', '/api/schema', '/api/search?q=nwm', '/api/entities/org-hub', '/api/entities/org-hub/neighborhood', '/api/paths?from=org-hub&to=org-arm'];
    for (const e of endpoints) {
      const r = await fetch(base + e);
      expect(r.status, e).toBe(503);
      expect(r.headers.get('retry-after'), e).toBe('5');
      const body = (await r.json()) as { error?: { code: string }; neo4j?: { connected: boolean } };
      if (e === '/api/health') expect(body.neo4j?.connected).toBe(false);
      else expect(body.error?.code, e).toBe('DB_UNAVAILABLE');
    }
    const posts: [string, unknown][] = [
      ['/api/cypher', { query: 'RETURN 1' }],
      ['/api/export', { format: 'graphml', selection: { type: 'ids', ids: ['org-hub'] } }],
      ['/api/export', { format: 'csv', selection: { type: 'all' } }],
    ];
    for (const [e, body] of posts) {
      const r = await fetch(base + e, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status, e).toBe(503);
      expect(r.headers.get('retry-after'), e).toBe('5');
      expect(r.headers.get('content-disposition'), e).toBeNull();
      expect(((await r.json()) as { error?: { code: string } }).error?.code, e).toBe('DB_UNAVAILABLE');
    }

    // Nothing restarted it: its Bolt port still refuses connections, and no restart was logged.
    const refused = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(false)));
      sock.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    expect(lines.filter((l) => /restart/i.test(l))).toEqual([]);

    db = await startLocalNeo4j({ port, dataDir, password: 'outage-test-pw' });
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++) {
      status = (await fetch(`${base}/api/search?q=nwm`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(status).toBe(200);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  } finally {
    await new Promise((r) => server.close(r));
    await conn.close();
  }
});
