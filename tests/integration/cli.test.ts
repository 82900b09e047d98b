/**
 * The `claimgraph` command as a subprocess (bin/claimgraph.js): every
 * command, its output and its exit code (0 ok, 1 invalid input, 2 usage,
 * 3 database, 4 refused query).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../server/neo4j/launcher.ts';
import { closeTestDriver, counts, resetDatabase, testNeo4j } from '../helpers/neo4j.ts';

const BIN = path.resolve('bin/claimgraph.js');
let tmp: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('NEO4J_') || k === 'CLAIMGRAPH_PROGRESS') delete env[k];
  return env;
}

function dbEnv(): NodeJS.ProcessEnv {
  const db = testNeo4j();
  return { ...baseEnv(), NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...(db.database ? { NEO4J_DATABASE: db.database } : {}) };
}

function cli(args: string[], env: NodeJS.ProcessEnv = dbEnv(), input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A long-running command (start, db run): resolves with the child once `ready` matches its output. */
function cliUntil(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcessWithoutNullStreams; match: RegExpMatchArray; out: { stdout: string; stderr: string }; closed: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    const closed = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    let done = false;
    const check = () => {
      const match = (out.stdout + out.stderr).match(ready);
      if (match && !done) {
        done = true;
        resolve({ child, match, out, closed });
      }
    };
    child.stdout.on('data', (c: Buffer) => ((out.stdout += c.toString()), check()));
    child.stderr.on('data', (c: Buffer) => ((out.stderr += c.toString()), check()));
    child.once('error', reject);
    void closed.then((code) => {
      if (!done) reject(new Error(`exited ${code} before ${ready}:\n${out.stdout}\n${out.stderr}`));
    });
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-cli-'));
  await resetDatabase();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await closeTestDriver();
});

describe('claimgraph: usage', () => {
  it('prints help with the exit codes (exit 0) for the program and each command', async () => {
    const main = await cli(['--help'], baseEnv());
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Commands:[\s\S]*import[\s\S]*export[\s\S]*query[\s\S]*stats[\s\S]*db/);
    expect(main.stdout).toMatch(/Exit codes:\n\s+0\s+done\n\s+1\s+invalid input[\s\S]*2\s+bad usage[\s\S]*3\s+database[\s\S]*4\s+query refused/);
    expect(main.stdout).toMatch(/start\|serve[\s\S]*generate[\s\S]*schema:json/);
    const cmds = [['start'], ['import'], ['export'], ['query'], ['stats'], ['db'], ['db', 'start'], ['db', 'stop'], ['db', 'status'], ['db', 'run'], ['generate'], ['schema:json']];
    const runs = await Promise.all(cmds.map((cmd) => cli([...cmd, '--help'], baseEnv())));
    runs.forEach((r, i) => {
      expect(r.code, cmds[i]!.join(' ')).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: claimgraph ${cmds[i]!.join(' ')}`));
    });
  });

  it('exits 2 on bad usage, before touching the database', async () => {
    const env = { ...baseEnv(), NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'x' };
    const cases = [
      [],
      ['bogus'],
      ['import'],
      ['import', 'a', 'b'],
      ['import', 'x', '--format', 'xml'],
      ['export'],
      ['export', '--format', 'pdf'],
      ['export', '--format', 'gexf', '--all', '--ids', 'a'],
      ['query', 'RETURN 1', '--limit', 'lots'],
      ['db'],
      ['import', '--replace', 'Bad Name'],
      ['db', 'run', '--port', '0'],
      ['generate', '--claims', '10', '--out', path.join(tmp, 'never')],
      ['generate', '--entities', 'many', '--claims', '10', '--out', path.join(tmp, 'never')],
      ['generate', '--entities', '5', '--claims', '10', '--out', path.join(tmp, 'never')],
      ['start', '--port', '1'],
    ];
    const runs = await Promise.all(cases.map((args) => cli(args, env)));
    runs.forEach((r, i) => expect(r.code, cases[i]!.join(' ')).toBe(2));
  });

  it('exits 3 when the database cannot be reached', async () => {
    const env = { ...baseEnv(), NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'whatever1' };
    const stats = await cli(['stats'], env);
    expect(stats.code).toBe(3);
    expect(stats.stderr).toMatch(/Cannot reach Neo4j/);
    expect((await cli(['import', 'tests/fixtures/csv/spreadsheet'], env)).code).toBe(3);
  });
});

describe('claimgraph: import, query, stats, export', () => {
  it('import: exit 1 naming file, line and column for an invalid dataset; nothing written', async () => {
    const r = await cli(['import', 'tests/fixtures/csv/bad-status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported/);
    expect(r.stderr).toMatch(/bad-status\/claims\.csv:7 claims\[4\] "c-5" column "status": .*rumoured/);
    expect((await counts()).nodes).toBe(0);
  });

  it('import: CSV and FtM, with summaries (JSON too)', async () => {
    const csv = await cli(['import', 'tests/fixtures/csv/spreadsheet', '--json']);
    expect(csv.code).toBe(0);
    const summary = JSON.parse(csv.stdout) as { dataset: string; counts: { entities: number; claims: number }; nodesCreated: number };
    expect(summary).toMatchObject({ dataset: 'csv-spreadsheet', counts: { entities: 5, sources: 2, claims: 5 }, nodesCreated: 7, relationshipsCreated: 5 });
    const ftm = await cli(['import', 'tests/fixtures/ftm/opensanctions.ftm.json', '--dataset', 'sanctions']);
    expect(ftm.code).toBe(0);
    expect(ftm.stdout).toMatch(/Imported dataset "sanctions"/);
    expect(ftm.stdout).toMatch(/kept as properties of other entities: Sanction 2, Address 1, Passport 1/);
    expect(ftm.stdout).toMatch(/skipped \(schemata claimgraph does not model\): Vessel 1/);
    expect(ftm.stdout).toMatch(/references to 3 ids in neither the file nor the database/);
    // Not a terminal: no progress output.
    expect(ftm.stderr).toBe('');
  });

  it('query: a table, JSON, stdin; exit 4 for a write, 1 for a syntax error', async () => {
    const t = await cli(['query', 'MATCH (p:Person) WHERE "csv-spreadsheet" IN p.datasets RETURN p.id AS id, p.name AS name ORDER BY id']);
    expect(t.code).toBe(0);
    expect(t.stdout).toBe('id      | name\n--------+-------------\np-ada   | Ada Quill\np-bruno | Quill, Bruno\n');
    expect(t.stderr).toMatch(/2 rows/);
    const j = await cli(['query', 'MATCH (n {id: $id}) RETURN n.name AS name, $n AS n', '--param', 'id=o-hub', '--param', 'n=3', '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ columns: ['name', 'n'], rows: [['Northwind Movement', 3]], truncated: false });
    const s = await cli(['query', '-q'], dbEnv(), 'MATCH (n:Entity) RETURN count(n) AS n');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^n\s*\n-+\n\d+\n$/);
    const w = await cli(['query', 'CREATE (:Entity {id: "x"})']);
    expect(w.code).toBe(4);
    expect(w.stderr).toMatch(/QUERY_REFUSED/);
    const x = await cli(['query', 'MATCH (n RETURN n']);
    expect(x.code).toBe(1);
    expect(x.stderr).toMatch(/CYPHER_SYNTAX/);
  });

  it('stats: counts by kind, type, status and dataset', async () => {
    const r = await cli(['stats', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { entities: number; claims: number; statuses: { status: string; count: number }[]; datasets: { name: string; nodes: number; claims: number }[] };
    expect(s.entities).toBe(5 + 2 + 4 + 3);
    expect(s.claims).toBe(5 + 11);
    expect(s.datasets).toEqual([
      { name: 'csv-spreadsheet', title: 'A spreadsheet dataset (fictional)', nodes: 7, claims: 5, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 5 } },
      { name: 'sanctions', title: 'opensanctions.ftm.json', nodes: 7, claims: 11, verification: { verified: 0, approximate: 0, 'paraphrase-anchored': 0, 'not-found': 0, 'no-document': 11 } },
    ]);
    expect(s.statuses).toContainEqual({ status: 'reported', count: 13 });
    const table = await cli(['stats']);
    expect(table.stdout).toMatch(/14 entities \(sources included\), 16 claims/);
  });

  it('export: to a file and to standard output; exit 1 for ids that do not exist', async () => {
    const out = path.join(tmp, 'all.ftm.json');
    const f = await cli(['export', '--format', 'ftm', '--out', out]);
    expect(f.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { schema: string });
    expect(lines.filter((l) => !['Document'].includes(l.schema) && /Person|Organization|Company|Event/.test(l.schema))).toHaveLength(9);
    const g = await cli(['export', '--format', 'graphology', '--ids', 'p-ada', '--depth', '1']);
    expect(g.code).toBe(0);
    const graph = JSON.parse(g.stdout) as { nodes: { key: string }[] };
    expect(graph.nodes.map((n) => n.key)).toEqual(expect.arrayContaining(['p-ada', 'o-hub', 'o-front']));
    const missing = await cli(['export', '--format', 'csv', '--ids', 'nobody', '--out', path.join(tmp, 'x.zip')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
    const refused = await cli(['export', '--format', 'gexf', '--cypher', 'MATCH (n) DETACH DELETE n']);
    expect(refused.code).toBe(4);
  });

  it('import --replace: removes one dataset, and only it', async () => {
    const r = await cli(['import', '--replace', 'sanctions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Removed dataset "sanctions": 11 claims and 7 nodes deleted/);
    const s = JSON.parse((await cli(['stats', '--json'])).stdout) as { datasets: { name: string }[]; claims: number };
    expect(s.datasets.map((d) => d.name)).toEqual(['csv-spreadsheet']);
    expect(s.claims).toBe(5);
    // --replace with a path: remove and import again, in one transaction.
    const again = await cli(['import', 'tests/fixtures/csv/spreadsheet', '--replace', 'csv-spreadsheet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Removed dataset "csv-spreadsheet": 5 claims and 7 nodes deleted[\s\S]*7 nodes created, 5 relationships created/);
  });
});

describe('claimgraph generate and start', () => {
  it('generate writes a dataset that import validates', async () => {
    const out = path.join(tmp, 'generated');
    const g = await cli(['generate', '--entities', '40', '--claims', '1_00', '--seed', '3', '--out', out], baseEnv());
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/^synthetic-n40-m100-s3: \d+ entities, \d+ sources, 100 claims in [\d.]+ s ->/);
    const check = await cli(['import', out, '--dry-run', '--json']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ dataset: 'synthetic-n40-m100-s3', counts: { claims: 100 }, nodesCreated: 0 });
  });

  it('start imports the default dataset into an empty database, serves the API, and stops on SIGTERM', { timeout: 120_000 }, async () => {
    await resetDatabase();
    const env = { ...dbEnv(), PORT: '0', HOST: '127.0.0.1', DEFAULT_DATASET: 'tests/fixtures/mini', LOG_LEVEL: 'silent' };
    const { child, match, out, closed } = await cliUntil(['start', '--no-build'], env, /ready at (http:\/\/127\.0\.0\.1:\d+\/)/);
    try {
      expect(out.stderr).toMatch(/the database is empty: importing tests\/fixtures\/mini/);
      const health = await fetch(new URL('api/health', match[1]));
      expect(health.status).toBe(200);
      const search = (await (await fetch(new URL('api/search?q=summit', match[1]))).json()) as { hits: { id: string }[] };
      expect(search.hits.map((h) => h.id)).toContain('event-summit');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
    expect(out.stderr).toMatch(/SIGTERM: stopping\n\[claimgraph\] stopped/);
  });
});

describe('claimgraph db', () => {
  it('status exits 3 when no Neo4j runs for the data folder', async () => {
    const r = await cli(['db', 'status', '--data-dir', path.join(tmp, 'none')], baseEnv());
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/not running/);
    const stop = await cli(['db', 'stop', '--data-dir', path.join(tmp, 'none')], baseEnv());
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(/not running/);
  });

  it('start runs Neo4j in the background, the other commands use it, stop stops it', { timeout: 300_000 }, async () => {
    const dataDir = path.join(tmp, 'neo4j');
    const env = { ...baseEnv(), NEO4J_DATA_DIR: dataDir, NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' };
    const port = await findFreePort();
    try {
      const start = await cli(['db', 'start', '--port', String(port), '--json', '-q'], env);
      expect(start.code, start.stderr).toBe(0);
      const state = JSON.parse(start.stdout) as { running: boolean; uri: string; pid: number };
      expect(state).toMatchObject({ running: true, uri: `bolt://127.0.0.1:${port}` });
      const status = await cli(['db', 'status'], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`bolt URI : bolt://127.0.0.1:${port}`);
      expect((await cli(['db', 'start'], env)).stdout).toMatch(/Already running/);
      // No NEO4J_URI: import and query reach the background Neo4j.
      const imp = await cli(['import', 'tests/fixtures/csv/alpha', '-q'], env);
      expect(imp.code, imp.stderr).toBe(0);
      const q = await cli(['query', 'MATCH (n:Entity) RETURN count(n) AS n', '--json'], env);
      expect(JSON.parse(q.stdout)).toMatchObject({ rows: [[4]] });
      const stop = await cli(['db', 'stop'], env);
      expect(stop.code).toBe(0);
      expect(stop.stdout).toMatch(/stopped/);
      expect((await cli(['db', 'status'], env)).code).toBe(3);
    } finally {
      await cli(['db', 'stop'], env);
    }
  });

  it('run (npm run db) runs Neo4j in the foreground until Ctrl+C', { timeout: 300_000 }, async () => {
    const dataDir = path.join(tmp, 'neo4j-fg');
    const env = { ...baseEnv(), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' };
    const port = await findFreePort();
    const { child, out, closed } = await cliUntil(['db', 'run', '--port', String(port), '--data-dir', dataDir, '-q'], env, /Press Ctrl\+C to stop/);
    expect(out.stdout).toContain(`bolt URI : bolt://127.0.0.1:${port}`);
    expect(out.stdout).toContain(`data dir : ${dataDir}`);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(out.stderr).toMatch(/SIGINT: stopping\.\.\.\n\[neo4j\] stopped\./);
  });
});
