/**
 * Issue 16, findings 1-4 and the API items of 9, each as a user sees it,
 * against the real API and Neo4j (the mini fixture): a request that would
 * kill Neo4j, hang its parser, outlast its timeout or freeze the Node server
 * is answered with a clear 4xx naming the limit, and the server and Neo4j
 * keep answering. tests/fixtures/cypher-attacks.json ("costly") holds the
 * variants; cypher-safety.test.ts runs them. Bounds are polled, never timed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/kernel/log.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { read } from '../../server/neo4j/read.ts';
import { checkPlan } from '../../server/reads/cypher/index.ts';
import { fingerprintOf, type Fingerprint } from '../helpers/fingerprint.ts';
import { httpRequest } from '../helpers/http.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ENV = { RATE_LIMIT_PER_MINUTE: '100000', CYPHER_CONCURRENCY_PER_CLIENT: '100' };
/** What no response may hold: Java class names, stack frames, server paths. */
const LEAK = /\b(?:java|javax|scala|org\.neo4j|com\.neo4j)\.[\w.$]+|\b\w+Exception\b|\bat [\w.$/]+\s*\(|\/work\/|node_modules|\.java:\d+|\.ts:\d+/;

let api: TestServer;
let baseline: Fingerprint;
const fingerprint = () => fingerprintOf(testDriver(), testNeo4j().database);

async function eventually(check: () => Promise<boolean>, tries = 300, everyMs = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

/** Transactions in Neo4j whose query holds `marker` (SHOW TRANSACTIONS itself left out). */
async function runningWith(marker: string): Promise<number> {
  const rows = await query<{ currentQuery: string }>('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
  return rows.filter((r) => r.currentQuery.includes(marker) && !r.currentQuery.includes('SHOW TRANSACTIONS')).length;
}

const cypher = (body: unknown, server = api) => server.post('/api/cypher', body);

/** Neo4j answers, through the API: health and a real read. */
async function expectNeo4jServes(server = api): Promise<void> {
  expect((await server.get('/api/health')).status).toBe(200);
  const r = await cypher({ query: 'MATCH (n:Entity {id: "org-hub"}) RETURN n.name AS name' }, server);
  expect(r.status, r.text).toBe(200);
  expect((r.body as Any).rows).toEqual([['Northwind Movement']]);
}

/** Samples this process's RSS (the test server runs in it) every 25 ms while `work` runs: RSS before, peak, and peak growth in MB. */
async function sampleRss<T>(work: () => Promise<T>): Promise<{ result: T; rss: { beforeMb: number; peakMb: number; growthMb: number } }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (n: number) => Math.round(n / 1e6);
    return { result, rss: { beforeMb: mb(start), peakMb: mb(peak), growthMb: mb(peak - start) } };
  } finally {
    clearInterval(timer);
  }
}

const measured: Record<string, unknown> = {};

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  api = await startTestServer(ENV);
  baseline = await fingerprint();
});
afterAll(async () => {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/hardening-measurements.json', JSON.stringify(measured, null, 2));
  await api?.close();
  await closeTestDriver();
});

describe('finding 1: one request cannot kill Neo4j', () => {
  it('refuses a list comprehension over 10^8 before Neo4j builds it, and Neo4j keeps serving', async () => {
    const r = await cypher({ query: 'RETURN size([x IN range(1, 100000000) | x]) AS n' });
    expect(r.status, r.text).toBe(403);
    expect((r.body as Any).error).toEqual({
      code: 'QUERY_REFUSED',
      message: 'range() here would build a list of 100,000,000 elements; at most 100,000 are allowed (QUERY_MAX_LIST); UNWIND range(...) AS x streams instead',
      retriable: false,
      details: { limit: 'QUERY_MAX_LIST', max: 100_000, actual: 100_000_000 },
    });
    expect(await runningWith('range(1, 100000000)')).toBe(0);
    await expectNeo4jServes();
  });

  it('refuses thirty doublings of a string in WITH (1 GB, which killed the JVM in 4 s)', async () => {
    const r = await cypher({ query: "WITH 'x' AS s" + ' WITH s + s AS s'.repeat(30) + ' RETURN size(s) AS n' });
    expect(r.status).toBe(403);
    expect((r.body as Any).error.message).toMatch(/^the query can multiply the size of a value 1,073,741,824 times \(s is combined with itself in 30 projection\(s\)\); at most 64/);
    await expectNeo4jServes();
  });
});

describe('finding 2: nesting, and a deadline on the EXPLAIN', () => {
  it('refuses 500 nested brackets at once, naming the limit', async () => {
    const r = await cypher({ query: 'RETURN ' + '('.repeat(500) + '1' + ')'.repeat(500) + ' AS x' });
    expect(r.status).toBe(403);
    expect((r.body as Any).error.details).toEqual({ limit: 'QUERY_MAX_DEPTH', max: 50, actual: 500 });
  });

  it('answers an EXPLAIN that Neo4j never answers with 408 at its own deadline, without leaking the connection', async () => {
    // The EXPLAIN layer alone (the cost checks would refuse this text): Neo4j's parser overflows its stack and sends nothing.
    const driver = neo4j.driver(testNeo4j().uri, neo4j.auth.basic(testNeo4j().user, testNeo4j().password), {
      maxConnectionPoolSize: 2,
      connectionAcquisitionTimeout: 20_000,
    });
    const deps: Deps = { driver, database: testNeo4j().database, config: testConfig({ QUERY_PLAN_TIMEOUT_MS: '1500' }), log: createLogger('silent') };
    const marker = `deep_${Date.now()}`;
    try {
      for (let i = 0; i < 3; i++) {
        const err = await checkPlan(deps, `RETURN ${'('.repeat(3000)}1${')'.repeat(3000)} AS ${marker}`).catch((e: unknown) => e);
        expect(err).toMatchObject({ status: 408, code: 'QUERY_TIMEOUT', message: expect.stringMatching(/took longer than 1500 ms \(QUERY_PLAN_TIMEOUT_MS\)/) });
      }
      // A pool of 2 after 3 abandoned reads: had their connections stayed out of the pool, this would wait for one.
      const rows = await read(deps, 'RETURN 1 AS one');
      expect(rows.map((r) => r.get('one') as unknown)).toEqual([neo4j.int(1)]);
      expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
    } finally {
      await driver.close();
    }
  });

  it('bounds planning within the request time: a 19 kB sum answers 408 when the limits that refuse it are lifted', async () => {
    const lifted = await startTestServer({ ...ENV, QUERY_MAX_LENGTH: '20000', QUERY_MAX_TOKENS: '20000', QUERY_PLAN_TIMEOUT_MS: '300' });
    try {
      const marker = `sum_${Date.now()}`;
      const r = await cypher({ query: `RETURN 1${'+1'.repeat(9400)} AS ${marker}` }, lifted);
      expect(r.status, r.text.slice(0, 300)).toBe(408);
      expect((r.body as Any).error).toMatchObject({ code: 'QUERY_TIMEOUT', retriable: true, message: expect.stringMatching(/QUERY_PLAN_TIMEOUT_MS/) });
      expect((await cypher({ query: `RETURN 1${'+1'.repeat(6500)} AS x` })).status).toBe(403); // refused outright by default
      // Neo4j's planner does not stop at a deadline: it finishes the plan, then nothing of it is left.
      expect(await eventually(async () => (await runningWith(marker)) === 0, 600)).toBe(true);
      await expectNeo4jServes(lifted);
    } finally {
      await lifted.close();
    }
  });
});

describe('finding 3: no work past the timeout, no core pinned by one client', () => {
  it('refuses the catastrophic regex, and lets a linear one run', async () => {
    const r = await cypher({ query: "RETURN $s =~ '(.*a){10}' AS x", params: { s: 'a'.repeat(50) + '!' } });
    expect(r.status).toBe(403);
    expect((r.body as Any).error.message).toMatch(/^the regular expression "\(\.\*a\)\{10\}" can take polynomial \(degree 10\) time/);
    const ok = await cypher({ query: "RETURN $s =~ 'a+!' AS x", params: { s: 'a'.repeat(50) + '!' } });
    expect((ok.body as Any).rows).toEqual([[true]]);
    expect(await runningWith('(.*a){10}')).toBe(0);
  });

  it('leaves nothing running in Neo4j after a 408', async () => {
    const slow = await startTestServer({ ...ENV, QUERY_TIMEOUT_MS: '1500' });
    try {
      const marker = `spin_${Date.now()}`;
      const r = await cypher({ query: `MATCH (a), (b), (c), (d), (e), (f) WHERE a.id + b.id + c.id + d.id + e.id + f.id = 'x' RETURN count(*) AS ${marker}` }, slow);
      expect(r.status).toBe(408);
      expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('lets one client run at most CYPHER_CONCURRENCY_PER_CLIENT queries at once (429 beyond), while another client is served', async () => {
    const server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000', CYPHER_CONCURRENCY_PER_CLIENT: '2', QUERY_TIMEOUT_MS: '2000' });
    try {
      const spin = (i: number) => ({ query: `UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS c${i}` });
      const hostile = [0, 1, 2, 3, 4].map((i) => httpRequest(server.url, { path: '/api/cypher', body: spin(i), localAddress: '127.0.0.2', boundMs: 60_000 }));
      expect(await eventually(async () => (await runningWith('x % 7 = 99')) === 2)).toBe(true);
      const other = await httpRequest(server.url, { path: '/api/cypher', body: { query: 'RETURN 1 AS one' }, localAddress: '127.0.0.3' });
      expect(other.status).toBe(200);
      const answers = await Promise.all(hostile);
      expect(answers.map((a) => a.status).sort()).toEqual([408, 408, 429, 429, 429]);
      const limited = answers.find((a) => a.status === 429)!;
      expect((limited.body as Any).error.message).toMatch(/at most 2 \(CYPHER_CONCURRENCY_PER_CLIENT\)/);
      expect(limited.headers['retry-after']).toBe('1');
      expect(await eventually(async () => (await runningWith('x % 7 = 99')) === 0)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('finding 4: a byte budget on answers', () => {
  it('refuses RETURN range(1, 3000000) (23 MB) before it runs', async () => {
    const r = await cypher({ query: 'RETURN range(1, 3000000) AS big' });
    expect(r.status).toBe(403);
    expect((r.body as Any).error.details).toMatchObject({ limit: 'QUERY_MAX_LIST' });
  });

  it('ends an answer past QUERY_MAX_BYTES with 413 while a search is answered, Node memory bounded', async () => {
    const marker = `bulk_${Date.now()}`;
    const { result: [r, search], rss } = await sampleRss(() =>
      Promise.all([cypher({ query: `UNWIND range(1, 200) AS ${marker} RETURN ${marker}, [x IN range(1, 90000) | x] AS big` }), api.get('/api/search?q=northwind')]),
    );
    measured.bytesBudget = rss;
    expect(search.status).toBe(200);
    expect(r.status, r.text.slice(0, 300)).toBe(413);
    expect((r.body as Any).error).toMatchObject({ code: 'RESULT_TOO_LARGE', retriable: false, details: { limit: 'QUERY_MAX_BYTES', max: 8_000_000 } });
    expect((r.body as Any).error.message).toMatch(/^the result is larger than 8 MB \(QUERY_MAX_BYTES\) at row \d+; narrow the query/);
    expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
  });

  it('ends 1,200 rows of 4 MB strings at the first row with 413, a concurrent search answered, Node memory bounded', async () => {
    // 4 MB built in Cypher from a 64 k parameter (6 doublings); the limits that would refuse it lifted.
    const server = await startTestServer({ ...ENV, QUERY_MAX_PARAM_SIZE: '70000' });
    try {
      const marker = `strings_${Date.now()}`;
      const q = `UNWIND range(1, 1200) AS ${marker} WITH ${marker}, $s AS s` + ` WITH ${marker}, s + s AS s`.repeat(6) + ` RETURN ${marker}, s`;
      const { result: [r, search], rss } = await sampleRss(() =>
        Promise.all([server.post('/api/cypher', { query: q, params: { s: 'x'.repeat(65_536) } }), server.get('/api/search?q=northwind')]),
      );
      measured.fourMbStrings = rss;
      expect(search.status).toBe(200);
      expect(r.status, r.text.slice(0, 300)).toBe(413);
      expect((r.body as Any).error).toMatchObject({ code: 'RESULT_TOO_LARGE', details: { limit: 'QUERY_MAX_VALUE_BYTES', max: 1_000_000, row: 1 } });
      expect(rss.growthMb).toBeLessThan(600); // the API took 2.46 GB on main (a bound on memory, not on time)
      expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
      await expectNeo4jServes(server);
    } finally {
      await server.close();
    }
  });

  it('ends an answer with one value past QUERY_MAX_VALUE_BYTES', async () => {
    const r = await cypher({ query: "RETURN [x IN range(1, 100000) | toString(x) + '-padding'] AS big" });
    expect(r.status).toBe(413);
    expect((r.body as Any).error.message).toMatch(/^the value of column big in row 1 is larger than 1 MB \(QUERY_MAX_VALUE_BYTES\)/);
  });
});

describe('every bad request a 4xx, nothing of the server in any message (finding 9)', () => {
  it('answers a body that is not what its Content-Encoding says with 415', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const r = await api.post('/api/cypher', '{"query":"RETURN 1"}', { headers: { 'content-encoding': encoding } });
      expect(r.status, `${encoding}: ${r.text}`).toBe(415);
      expect((r.body as Any).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const bogus = await api.post('/api/cypher', '{"query":"RETURN 1"}', { headers: { 'content-encoding': 'bogus' } });
    expect(bogus.status).toBe(415);
    // A real gzip body is read.
    const gz = await httpRequest(api.url, { path: '/api/cypher', body: gzipSync('{"query":"RETURN 1 AS one"}'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(gz.status).toBe(200);
  });

  it('answers a malformed percent-escape in a path with 400', async () => {
    for (const p of ['/api/entities/%E0%A4%A', '/api/entities/%E0%A4%A/neighborhood', '/api/entities/%ZZ', '/api/entities/%']) {
      const r = await api.get(p);
      expect(r.status, p).toBe(400);
      expect((r.body as Any).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/percent-escape/) });
    }
  });

  it('shows no Java class names or server paths in Neo4j errors', async () => {
    const cases = [
      'CALL db.index.fulltext.queryNodes("no_such_index", "x") YIELD node RETURN node',
      'CALL db.index.vector.queryNodes("no_such_index", 1, [1.0]) YIELD node RETURN node',
      'RETURN date("not a date") AS d',
      'RETURN 1 / 0 AS x',
      'RETURN toInteger([1]) AS x',
      'MATCH (n) RETURN n.x[1..2][3] + {} AS x',
    ];
    for (const q of cases) {
      const r = await cypher({ query: q });
      expect(r.status, q).toBeGreaterThanOrEqual(400);
      expect(r.status, q).toBeLessThan(500);
      expect(r.text, q).not.toMatch(LEAK);
    }
    const ft = await cypher({ query: cases[0] });
    expect((ft.body as Any).error.message).toMatch(/^Failed to invoke procedure `db\.index\.fulltext\.queryNodes`: There is no such fulltext schema index: no_such_index$/);
  });

  it('survives a bounded fuzz of every route: no 5xx, no stack or class names', async () => {
    const doc = (await api.get('/api/openapi.json')).body as Any;
    let seed = 16;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
    const strings = [
      '%E0%A4%A', '%', '%%', '%00', '%C0%AF', '../../etc/passwd', '\u0000', '\uD800', '🦄'.repeat(50), 'x'.repeat(5000), '1e309', '-1',
      '99999999999999999999999', 'NaN', 'null', '[]', '{}', '<script>', "' OR 1=1 //", 'org-hub', 'RETURN 1',
    ];
    const values = [null, true, -1, 0, 1e308, -1e308, 2 ** 53 + 1, 'x'.repeat(300), [], [1, 2], {}, { a: [{ b: 'c' }] }, '\uD800', ...strings];
    const seen = new Map<string, number>();
    for (const [path, ops] of Object.entries<Any>(doc.paths)) {
      for (const [method, op] of Object.entries<Any>(ops)) {
        for (let i = 0; i < 25; i++) {
          const url = path.replace(/\{(\w+)\}/g, () => [...pick(strings)].map((c) => (rnd(3) === 0 && !/[\uD800-\uDFFF]/.test(c) ? encodeURIComponent(c) : c)).join('').replace(/[/?#]/g, '_'));
          const enc = (v: unknown) => (typeof v === 'string' && /[\uD800-\uDFFF]/.test(v) ? v : encodeURIComponent(String(v)));
          const qs = (op.parameters ?? []).filter((p: Any) => p.in === 'query').map((p: Any) => `${p.name}=${enc(pick(values))}`);
          if (rnd(3) === 0) qs.push(`${pick(['q', 'limit', 'depth', 'x'])}[]=${pick(strings).replace(/[&#]/g, '')}`);
          // Raw bytes as escapes (an HTTP path is ASCII); malformed escapes such as %E0%A4%A stay as they are.
          const ascii = (t: string) => [...Buffer.from(t, 'utf8')].map((b) => (b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
          const target = ascii(`${url}${qs.length ? '?' + qs.join('&') : ''}`);
          const fields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? { query: 1 });
          const body = rnd(4) === 0 ? pick(['{', '[]', 'null', '"x"', '{"query":', Buffer.from([0xff, 0xfe, 0x00]).toString('latin1')])
            : JSON.stringify(Object.fromEntries(fields.map((f) => [f, pick(values)])));
          const r = await httpRequest(api.url, {
            method: method.toUpperCase() as 'GET' | 'POST',
            path: target,
            ...(method === 'post' ? { body, headers: { 'content-type': pick(['application/json', 'application/json; charset=latin1', 'text/plain', 'application/json; charset=utf-16']) } } : {}),
            boundMs: 60_000,
          });
          seen.set(String(r.status), (seen.get(String(r.status)) ?? 0) + 1);
          expect(r.hung, `${method} ${target}`).toBe(false);
          expect(r.status, `${method} ${target} ${body.slice(0, 100)}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
          expect(r.status, `${method} ${target} ${body.slice(0, 100)}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
          expect(r.text, `${method} ${target}`).not.toMatch(LEAK);
        }
      }
    }
    measured.fuzzStatuses = Object.fromEntries(seen);
    expect(await fingerprint()).toEqual(baseline);
  });
});
