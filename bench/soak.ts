/**
 * A bounded soak of the API (issue 16): several clients, each from its own
 * loopback address, send a mix of normal and hostile requests (every class of
 * the hardening findings) for a fixed time, while the local Neo4j is killed
 * with SIGKILL once and its supervisor restarts it. Afterwards: the server
 * answers, Neo4j is back, the database fingerprint is what it was, no request
 * hung (each got an answer or a clean connection error within its bound), and
 * no answer was a 500. Loopback only; a temp store that is removed after.
 *
 *   npm run soak                         # 3 minutes, 6 clients, kill after 60 s
 *   npm run soak -- --seconds 60 --clients 4 --kill-after 20
 *
 * tests/integration/soak.test.ts runs a 40 s version in the suite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from '../server/api/app.ts';
import { loadConfig } from '../server/config.ts';
import { importDataset } from '../server/import/index.ts';
import { createLogger } from '../server/kernel/log.ts';
import { connect } from '../server/neo4j/connection.ts';
import { findFreePort } from '../server/neo4j/launcher.ts';
import { fingerprintOf, type Fingerprint } from '../tests/helpers/fingerprint.ts';
import { httpRequest, type HttpAnswer, type HttpRequest } from '../tests/helpers/http.ts';

export interface SoakOptions {
  durationMs: number;
  clients: number;
  /** When the JVM is killed, from the start of the load. */
  killAfterMs: number;
  /** Bound on each request: past it the request counts as hung. */
  requestBoundMs?: number;
  dataset?: string;
  log?: (line: string) => void;
}

export interface SoakReport {
  requests: number;
  byStatus: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  hung: string[];
  /** Answers 500 (or any 5xx other than 503), with what was sent. */
  serverErrors: string[];
  connectionErrors: number;
  killedPid: number | undefined;
  restarts: number;
  /** Health answered 200 again after the load (polled). */
  healthyAfter: boolean;
  /** A read and an ad-hoc query answered after the load. */
  answersAfter: boolean;
  fingerprintBefore: Fingerprint;
  fingerprintAfter: Fingerprint | undefined;
  neo4jDownSeconds: number | undefined;
}

interface Shot {
  kind: string;
  req: HttpRequest;
}

const cypher = (kind: string, query: string, params?: Record<string, unknown>): Shot => ({ kind, req: { path: '/api/cypher', body: { query, ...(params ? { params } : {}) } } });

/** The mix: normal reads and every hostile class of issue 16. */
const SHOTS: Shot[] = [
  { kind: 'normal', req: { path: '/api/search?q=northwind' } },
  { kind: 'normal', req: { path: '/api/entities/org-hub' } },
  { kind: 'normal', req: { path: '/api/entities/org-hub/neighborhood?depth=2' } },
  { kind: 'normal', req: { path: '/api/graph' } },
  { kind: 'normal', req: { path: '/api/schema' } },
  { kind: 'normal', req: { path: '/api/health' } },
  cypher('normal', 'MATCH (n:Entity) RETURN n.id AS id, n.name AS name ORDER BY id LIMIT 20'),
  cypher('normal', 'MATCH p = (:Entity)-[]->(:Entity) RETURN p LIMIT 10'),
  cypher('range', 'RETURN size([x IN range(1, 100000000) | x]) AS n'),
  cypher('range', 'RETURN range(1, $n) AS l', { n: 100_000_000 }),
  cypher('nesting', `RETURN ${'('.repeat(500)}1${')'.repeat(500)} AS x`),
  cypher('nesting', `RETURN ${'NOT '.repeat(500)}true AS x`),
  cypher('planning', `RETURN 1${'+1'.repeat(6500)} AS x`),
  cypher('regex', "RETURN $s =~ '(.*a){10}' AS x", { s: `${'a'.repeat(50)}!` }),
  cypher('growth', `WITH 'x' AS s${' WITH s + s AS s'.repeat(30)} RETURN size(s) AS n`),
  cypher('growth', "RETURN reduce(s = '', x IN range(1, 22) | s + s + 'x') AS s"),
  cypher('bytes', 'UNWIND range(1, 200) AS i RETURN i, [x IN range(1, 90000) | x] AS big'),
  cypher('bytes', "RETURN [x IN range(1, 100000) | toString(x) + '-padding'] AS big"),
  cypher('timeout', 'UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS c'),
  cypher('write', 'MATCH (n) DETACH DELETE n'),
  cypher('write', "CALL db.createLabel('Evil')"),
  { kind: 'encoding', req: { path: '/api/cypher', body: '{"query":"RETURN 1"}', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } } },
  { kind: 'encoding', req: { path: '/api/cypher', body: gzipSync('{"query":"RETURN 1 AS one"}'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } } },
  { kind: 'escape', req: { path: '/api/entities/%E0%A4%A' } },
  { kind: 'garbage', req: { path: '/api/cypher', body: '{"query": [1, {"x": null}], "params": 5', headers: { 'content-type': 'application/json' } } },
  { kind: 'garbage', req: { path: '/api/search?q=%F0%9F&limit=99999999999999999999' } },
];

const until = async (check: () => Promise<boolean>, tries: number, everyMs: number): Promise<boolean> => {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
};

/** Runs the soak (see the module comment) and reports what happened; throws only when the setup fails. */
export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => {});
  const bound = opts.requestBoundMs ?? 60_000;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-soak-'));
  const config = loadConfig({
    NEO4J_BOLT_PORT: String(await findFreePort()),
    NEO4J_DATA_DIR: dataDir,
    NEO4J_PASSWORD: 'soak-test-password',
    LOG_LEVEL: 'silent',
    QUERY_TIMEOUT_MS: '3000',
  });
  const conn = await connect(config, { log: (l) => log(l) });
  let server: Server | undefined;
  try {
    await importDataset(conn.driver, opts.dataset ?? 'tests/fixtures/mini', { database: conn.database });
    const app = createApp({ driver: conn.driver, database: conn.database, config, log: createLogger('silent') });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fingerprintBefore = await fingerprintOf(conn.driver, conn.database);
    const report: SoakReport = {
      requests: 0, byStatus: {}, byKind: {}, hung: [], serverErrors: [], connectionErrors: 0, killedPid: undefined, restarts: 0,
      healthyAfter: false, answersAfter: false, fingerprintBefore, fingerprintAfter: undefined, neo4jDownSeconds: undefined,
    };
    const record = (shot: Shot, a: HttpAnswer) => {
      report.requests++;
      const status = a.hung ? 'hung' : a.status === 0 ? 'connection-error' : String(a.status);
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      const k = (report.byKind[shot.kind] ??= {});
      k[status] = (k[status] ?? 0) + 1;
      const what = `${shot.req.path} ${typeof shot.req.body === 'string' ? shot.req.body.slice(0, 80) : JSON.stringify(shot.req.body ?? '').slice(0, 80)}`;
      if (a.hung) report.hung.push(what);
      if (a.status === 0 && !a.hung) report.connectionErrors++;
      if (a.status >= 500 && a.status !== 503) report.serverErrors.push(`${a.status} ${what}: ${a.text.slice(0, 200)}`);
    };

    const started = Date.now();
    const deadline = started + opts.durationMs;
    let killedAt = 0;
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      const pid = conn.local?.pid;
      if (!pid || Date.now() > deadline) return;
      log(`soak: killing Neo4j (pid ${pid}) with SIGKILL`);
      process.kill(pid, 'SIGKILL');
      report.killedPid = pid;
      killedAt = Date.now();
    })();
    // Round robin from a different start per client: every kind is sent early, by several clients.
    const client = async (c: number) => {
      const localAddress = `127.0.0.${c + 2}`;
      for (let i = c * 7; Date.now() < deadline; i++) {
        const shot = SHOTS[i % SHOTS.length]!;
        record(shot, await httpRequest(base, { ...shot.req, localAddress, boundMs: bound }));
      }
    };
    await Promise.all([killer, ...Array.from({ length: opts.clients }, (_, c) => client(c))]);
    log(`soak: ${report.requests} requests in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(report.byStatus)}`);

    report.healthyAfter = await until(async () => (await httpRequest(base, { path: '/api/health', boundMs: 10_000 })).status === 200, 300, 1000);
    report.restarts = conn.local?.status().restarts ?? 0;
    if (killedAt && report.healthyAfter) report.neo4jDownSeconds = Math.round((Date.now() - killedAt) / 1000);
    const search = await httpRequest(base, { path: '/api/search?q=northwind', boundMs: bound });
    const adhoc = await httpRequest(base, { path: '/api/cypher', body: { query: 'MATCH (n:Entity) RETURN count(n) AS n' }, boundMs: bound });
    report.answersAfter = search.status === 200 && adhoc.status === 200;
    report.fingerprintAfter = await fingerprintOf(conn.driver, conn.database);
    return report;
  } finally {
    if (server) await new Promise((r) => server!.close(r));
    await conn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: a positive number`);
  return v;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = arg('seconds', 180);
  const report = await runSoak({
    durationMs: seconds * 1000,
    clients: arg('clients', 6),
    killAfterMs: arg('kill-after', Math.round(seconds / 3)) * 1000,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const same = JSON.stringify(report.fingerprintBefore) === JSON.stringify(report.fingerprintAfter);
  const ok = report.hung.length === 0 && report.serverErrors.length === 0 && report.healthyAfter && report.answersAfter && same && report.restarts >= 1;
  process.stdout.write(`${JSON.stringify({ ...report, fingerprintUnchanged: same, ok }, null, 2)}\n`);
  process.exit(ok ? 0 : 1);
}
