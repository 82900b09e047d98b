/**
 * Exports against the real Neo4j with the mini fixture: every format parsed
 * back with an independent reader (graphology, graphology-gexf,
 * graphology-graphml after fast-xml-parser's validator, csv-parse, the
 * Cypher script run into an emptied database, FtM shape checks, Markdown
 * text) and compared with a direct
 * Cypher read of the same subgraph; every selection type; the HTTP route's
 * headers and its 400 / 404 / 403 answers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/kernel/log.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { ExportRequest, type Selection } from '../../server/kernel/contract.ts';
import { neighborhood } from '../../server/reads/neighborhood.ts';
import { EXPORT_FORMATS } from '../../server/kernel/contract.ts';
import { filenameFor, writeExport } from '../../server/export/index.ts';
import { neutralize } from '../../server/formats/csv/cells.ts';
import { generateDataset } from '../../server/generate/generate.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Props = Record<string, unknown>;

interface ExpectedNode {
  id: string;
  kind: string;
  labels: string[];
  name: string;
  properties: Props;
}
interface ExpectedEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Props;
}
interface Expected {
  /** Selected nodes. */
  nodes: Map<string, ExpectedNode>;
  edges: Map<string, ExpectedEdge>;
  /** Source nodes behind the edges. */
  sources: Map<string, ExpectedNode>;
  /** Nodes of the graph formats: selected nodes and sources. */
  graphNodes: Map<string, ExpectedNode>;
}

let deps: Deps;
let api: TestServer;

const FIXTURE = 'tests/fixtures/mini';

beforeAll(async () => {
  await resetDatabase();
  await importDataset(FIXTURE);
  deps = { driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') };
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

// ---- helpers ----------------------------------------------------------------

async function exportText(format: string, selection: unknown): Promise<Buffer> {
  const req = ExportRequest.parse({ format, selection });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(deps, req, out);
  out.end();
  return Buffer.concat(chunks);
}

async function readNodes(ids: string[]): Promise<Map<string, ExpectedNode>> {
  const rows = await query<{ n: ExpectedNode }>('MATCH (n:Entity) WHERE n.id IN $ids RETURN n', { ids });
  return new Map(rows.map((r) => [r.n.id, r.n]));
}

/** The subgraph on `nodeIds` read straight from Neo4j: every edge between two of them (or those in `edgeIds`). */
async function expectedFor(nodeIds: string[], edgeIds?: Set<string>): Promise<Expected> {
  const nodes = await readNodes(nodeIds);
  const rows = await query<ExpectedEdge>(
    'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties',
    { ids: nodeIds },
  );
  const edges = new Map(rows.filter((r) => !edgeIds || edgeIds.has(r.id)).map((r) => [r.id, r]));
  const sourceIds = [...new Set([...edges.values()].map((e) => e.properties.sourceId as string))];
  const sources = await readNodes(sourceIds);
  return { nodes, edges, sources, graphNodes: new Map([...nodes, ...sources]) };
}

async function expectedAll(): Promise<Expected> {
  const ids = (await query<{ id: string }>('MATCH (n:Entity) RETURN n.id AS id')).map((r) => r.id);
  return expectedFor(ids);
}

async function expectedIds(ids: string[], depth: number): Promise<Expected> {
  const reached = await query<{ id: string }>(`MATCH (s:Entity) WHERE s.id IN $ids MATCH (s)-[*0..${depth}]-(m:Entity) RETURN DISTINCT m.id AS id`, { ids });
  return expectedFor(reached.map((r) => r.id));
}

function without<T extends Props>(p: T, ...keys: string[]): Props {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k)));
}

/** The canonical node attributes (server/export/attributes.ts) of a node read from Neo4j. */
function nodeAttrs(n: ExpectedNode): Props {
  return { label: n.name, kind: n.kind, labels: n.labels, ...without(n.properties, 'id') };
}

function edgeAttrs(e: ExpectedEdge): Props {
  const p = e.properties;
  return { label: e.type, type: e.type, claimId: e.id, ...without(p, 'id') };
}

function sorted<T>(xs: Iterable<T>): T[] {
  return [...xs].sort();
}

/** Asserts a graphology graph holds exactly the expected nodes and edges with every attribute. */
function expectGraph(graph: Any, exp: Expected, extraEdgeAttrs: (e: ExpectedEdge) => Props = () => ({})): void {
  expect(sorted(graph.nodes())).toEqual(sorted(exp.graphNodes.keys()));
  expect(sorted(graph.edges())).toEqual(sorted(exp.edges.keys()));
  for (const n of exp.graphNodes.values()) expect(graph.getNodeAttributes(n.id), n.id).toEqual(nodeAttrs(n));
  for (const e of exp.edges.values()) {
    expect(graph.source(e.id)).toBe(e.source);
    expect(graph.target(e.id)).toBe(e.target);
    expect(graph.getEdgeAttributes(e.id), e.id).toEqual({ ...edgeAttrs(e), ...extraEdgeAttrs(e) });
  }
}

/**
 * A GraphML document checked well-formed (fast-xml-parser's validator), read
 * by a real GraphML reader (graphology-graphml: keys, their declared types,
 * parallel edges by id) into a graphology graph; lists, which the export
 * writes as JSON arrays in string keys, decoded. `root` and `keys` are the
 * document's own elements, for checks of what it declares.
 */
function graphmlGraph(xml: string): { root: Any; keys: Map<string, Any>; graph: Any } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name) }).parse(xml);
  const root = doc.graphml;
  const keys = new Map<string, Any>(root.key.map((k: Any) => [k['@id'], k]));
  const graph = parseGraphml(MultiDirectedGraph, xml);
  expect(graph.multi).toBe(true);
  expect(graph.type).toBe('directed');
  const lists = (kind: string) => [...keys.values()].filter((k) => k['@for'] === kind && typeof k.desc === 'string' && k.desc.startsWith('JSON array')).map((k) => String(k['@attr.name']));
  const decode = (kind: string, set: (name: string, value: unknown) => void, attrs: Record<string, unknown>) => {
    for (const name of lists(kind)) if (typeof attrs[name] === 'string') set(name, JSON.parse(attrs[name] as string));
  };
  graph.forEachNode((n, attrs) => decode('node', (name, value) => graph.setNodeAttribute(n, name, value), attrs));
  graph.forEachEdge((e, attrs) => decode('edge', (name, value) => graph.setEdgeAttribute(e, name, value), attrs));
  expect(graph.order).toBe((root.graph.node ?? []).length);
  expect(graph.size).toBe((root.graph.edge ?? []).length);
  return { root, keys, graph };
}

const SELECTIONS: { name: string; selection: Selection; expected: () => Promise<Expected> }[] = [
  { name: 'all', selection: { type: 'all' }, expected: expectedAll },
  {
    name: 'ids (depth 0: sources come along as extra nodes)',
    selection: { type: 'ids', ids: ['org-front', 'person-speaker', 'org-arm'], depth: 0 },
    expected: () => expectedIds(['org-front', 'person-speaker', 'org-arm'], 0),
  },
];

// ---- formats ----------------------------------------------------------------

describe.each(SELECTIONS)('formats, selection $name', ({ selection, expected }) => {
  let exp: Expected;
  beforeAll(async () => {
    exp = await expected();
    expect(exp.edges.size).toBeGreaterThan(0);
  });

  it('graphology JSON loads with Graph.from and holds every node, claim and attribute', async () => {
    const json = JSON.parse((await exportText('graphology', selection)).toString('utf8'));
    expect(json.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: true });
    const graph = MultiDirectedGraph.from(json);
    expect(graph.type).toBe('directed');
    expect(graph.multi).toBe(true);
    expectGraph(graph, exp);
    // Sources travel: every sourceId names an exported node of kind source.
    for (const e of exp.edges.values()) expect(graph.getNodeAttribute(e.properties.sourceId as string, 'kind')).toBe('source');
  });

  it('GEXF 1.3 parses with graphology-gexf into the same graph', async () => {
    const xml = (await exportText('gexf', selection)).toString('utf8');
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(xml).toContain('<graph defaultedgetype="directed" mode="static">');
    expect(xml).toContain('<attributes class="node">');
    expect(xml).toContain('<attributes class="edge">');
    expect(xml).toContain('<attribute id="aliases" title="aliases" type="liststring"/>');
    expect(xml).toContain('<attribute id="amount" title="amount" type="double"/>');
    const graph = parseGexf(MultiDirectedGraph, xml);
    // `kind` on an edge is GEXF's edge kind, which is the claim type.
    expectGraph(graph, exp, (e) => ({ kind: e.type }));
  });

  it('GraphML declares every key and carries every value', async () => {
    const xml = (await exportText('graphml', selection)).toString('utf8');
    const { root, keys, graph } = graphmlGraph(xml);
    expect(root['@xmlns']).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(root.graph['@edgedefault']).toBe('directed');
    for (const k of keys.values()) {
      expect(['node', 'edge']).toContain(k['@for']);
      expect(['boolean', 'int', 'long', 'float', 'double', 'string']).toContain(k['@attr.type']);
    }
    const nodeKeyNames = [...keys.values()].filter((k) => k['@for'] === 'node').map((k) => k['@attr.name']);
    expect(nodeKeyNames).toEqual(expect.arrayContaining(['label', 'kind', 'labels', 'name', 'aliases', 'description']));
    const edgeKeyNames = [...keys.values()].filter((k) => k['@for'] === 'edge').map((k) => k['@attr.name']);
    expect(edgeKeyNames.slice(0, 6)).toEqual(['label', 'type', 'claimId', 'status', 'sourceId', 'quote']);
    expectGraph(graph, exp);
  });

  it('CSV zip: nodes.csv, edges.csv and sources.csv parse with csv-parse and match', async () => {
    const files = unzipSync(new Uint8Array(await exportText('csv', selection)));
    expect(Object.keys(files).sort()).toEqual(['edges.csv', 'nodes.csv', 'sources.csv']);
    const table = (name: string) => parseCsv(strFromU8(files[name]!), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    // Text a spreadsheet would run (`@someone`) is written with a leading `'` (server/formats/csv/cells.ts); numbers as they are.
    const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : neutralize(Array.isArray(v) ? v.join(';') : String(v)));

    const edges = table('edges.csv');
    expect(Object.keys(edges[0]!).slice(0, 14)).toEqual(['id', 'source', 'type', 'target', 'status', 'sourceId', 'quote', 'date', 'start', 'end', 'amount', 'currency', 'role', 'purpose']);
    expect(sorted(edges.map((r) => r.id!))).toEqual(sorted(exp.edges.keys()));
    for (const row of edges) {
      const e = exp.edges.get(row.id!)!;
      expect(row).toMatchObject({ source: e.source, type: e.type, target: e.target });
      for (const [k, v] of Object.entries(e.properties)) expect(row[k], `${e.id}.${k}`).toBe(text(v));
    }

    const nodes = table('nodes.csv');
    expect(Object.keys(nodes[0]!).slice(0, 4)).toEqual(['id', 'kind', 'name', 'labels']);
    expect(sorted(nodes.map((r) => r.id!))).toEqual(sorted(exp.nodes.keys()));
    for (const row of nodes) {
      const n = exp.nodes.get(row.id!)!;
      expect(row.labels).toBe(n.labels.join(';'));
      for (const [k, v] of Object.entries(n.properties)) expect(row[k], `${n.id}.${k}`).toBe(text(v));
    }

    const sources = table('sources.csv');
    expect(Object.keys(sources[0]!).slice(0, 7)).toEqual(['id', 'title', 'authors', 'publisher', 'date', 'url', 'sourceKind']);
    expect(sorted(sources.map((r) => r.id!))).toEqual(sorted(exp.sources.keys()));
    for (const row of sources) {
      const s = exp.sources.get(row.id!)!;
      expect(row.title).toBe(s.name);
      for (const [k, v] of Object.entries(without(s.properties, 'name'))) expect(row[k], `${s.id}.${k}`).toBe(text(v));
    }
  });

  it('FtM: valid entities, every claim kept with its status, quote and source', async () => {
    const lines = (await exportText('ftm', selection)).toString('utf8').trim().split('\n');
    const entities = lines.map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    const SCHEMATA = new Set(['Person', 'Organization', 'Company', 'Event', 'Address', 'Note', 'Document', 'Payment', 'Membership', 'Directorship', 'Employment', 'Ownership', 'Family', 'Representation', 'Documentation', 'Associate', 'UnknownLink']);
    const ids = new Set<string>();
    for (const e of entities) {
      // `claimgraph`: a claim's paraphrase and verification, which FtM has no property for (server/formats/ftm/write.ts).
      expect(Object.keys(e).filter((k) => k !== 'claimgraph').sort()).toEqual(['id', 'properties', 'schema']);
      expect(e.id).toMatch(/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/);
      expect(SCHEMATA.has(e.schema), e.schema).toBe(true);
      for (const values of Object.values(e.properties)) {
        expect(Array.isArray(values)).toBe(true);
        for (const v of values) expect(typeof v).toBe('string');
      }
      expect(ids.has(e.id), `duplicate ${e.id}`).toBe(false);
      ids.add(e.id);
    }
    const byId = new Map(entities.map((e) => [e.id, e]));
    // Nodes and sources keep their ids (the fixture's are valid FtM ids).
    expect(sorted(entities.filter((e) => !e.id.startsWith('claim-')).map((e) => e.id))).toEqual(sorted(exp.graphNodes.keys()));
    for (const s of exp.sources.values()) {
      const doc = byId.get(s.id)!;
      expect(doc.schema).toBe('Document');
      expect(doc.properties.title).toEqual([s.name]);
      if (s.properties.url) expect(doc.properties.sourceUrl).toEqual([s.properties.url]);
    }
    // Entity references point at exported entities.
    const REFS = ['payer', 'beneficiary', 'member', 'organization', 'director', 'employee', 'employer', 'owner', 'asset', 'person', 'relative', 'agent', 'client', 'document', 'entity', 'associate', 'subject', 'object', 'proof'];
    for (const e of entities) for (const r of REFS) for (const v of e.properties[r] ?? []) expect(ids.has(v), `${e.id}.${r} -> ${v}`).toBe(true);
    // Every claim: id, type, status, quote, source.
    const claims = entities.filter((e) => e.id.startsWith('claim-'));
    expect(claims).toHaveLength(exp.edges.size);
    const TYPE_PROP = ['role', 'relationship', 'programme'];
    for (const c of exp.edges.values()) {
      const f = byId.get(`claim-${c.id}`)!;
      expect(f, c.id).toBeDefined();
      expect(f.properties.recordId).toEqual([c.id]);
      expect(f.properties.summary).toEqual([c.properties.status]);
      expect(f.properties.description).toEqual([c.properties.quote]);
      expect(f.properties.proof).toEqual([c.properties.sourceId]);
      expect(TYPE_PROP.some((p) => f.properties[p]?.[0] === c.type), `${c.id} type`).toBe(true);
      if (c.properties.amount !== undefined) expect(f.properties.amount).toEqual([String(c.properties.amount)]);
      if (c.properties.date !== undefined) expect(f.properties.date).toEqual([c.properties.date]);
      const src = exp.sources.get(c.properties.sourceId as string)!;
      if (src.properties.publisher) expect(f.properties.publisher).toEqual([src.properties.publisher]);
    }
  });

  it('Markdown lists every source behind the edges with the claims it supports', async () => {
    const text = (await exportText('markdown', selection)).toString('utf8');
    expect(text.startsWith('# Sources behind the exported claims')).toBe(true);
    const headings = [...text.matchAll(/^## \d+\. (.*)$/gm)].map((m) => m[1]);
    expect(headings).toHaveLength(exp.sources.size);
    for (const s of exp.sources.values()) expect(text).toContain(`- **Source id:** \`${s.id}\``);
    const claimLines = [...text.matchAll(/^- \*\*([A-Z_\\]+)\*\*: .* \((\w+); claim `([^`]+)`\)$/gm)];
    expect(sorted(claimLines.map((m) => m[3]))).toEqual(sorted(exp.edges.keys()));
    for (const m of claimLines) {
      const e = exp.edges.get(m[3]!)!;
      expect(m[1]!.replace(/\\/g, '')).toBe(e.type);
      expect(m[2]).toBe(e.properties.status);
    }
    expect(text).toContain(`${exp.edges.size} claims from ${exp.sources.size} sources.`);
    // Data never becomes markup: every `<` is escaped but those of autolinked URLs.
    expect(text).not.toMatch(/(?<!\\)<(?!https?:\/\/)/);
    if (exp.graphNodes.has('person-xss')) expect(text).toContain('Eve \\<img src=x onerror=alert(1)\\>');
  });

  it('Cypher script recreates the subgraph in an emptied database, types included', async () => {
    const script = (await exportText('cypher', selection)).toString('utf8');
    const statements = script.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(statements[0]).toBe('CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;');
    for (const s of statements) expect(s.endsWith(';')).toBe(true);
    const typed = async () => ({
      nodes: await query(
        'MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k])]] AS types, properties(n) AS props ORDER BY id',
      ),
      edges: await query(
        'MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, [k IN keys(r) | [k, valueType(r[k])]] AS types, properties(r) AS props ORDER BY id',
      ),
    });
    const sortTypes = (rows: Any[]) => rows.map((r) => ({ ...r, labels: r.labels ? sorted(r.labels) : undefined, types: sorted((r.types as string[][]).map((t) => t.join(':'))) }));
    const ids = [...exp.graphNodes.keys()];
    const before = await typed();
    const wanted = {
      nodes: sortTypes(before.nodes.filter((n) => ids.includes(n.id as string))),
      edges: sortTypes(before.edges.filter((e) => exp.edges.has(e.id as string))),
    };
    try {
      await resetDatabase();
      const session = testDriver().session({ database: testNeo4j().database });
      try {
        for (const s of statements) await session.run(s);
        // Idempotent: a second run changes nothing.
        for (const s of statements.slice(1, 4)) await session.run(s);
      } finally {
        await session.close();
      }
      const after = await typed();
      expect(sortTypes(after.nodes)).toEqual(wanted.nodes);
      expect(sortTypes(after.edges)).toEqual(wanted.edges);
    } finally {
      await resetDatabase();
      await importDataset(FIXTURE);
    }
    // Hundreds of statements one at a time, then a re-import: past the 60 s default on a loaded machine.
  }, 180_000);
});

// ---- selections ---------------------------------------------------------------

async function graphologyOf(selection: unknown): Promise<Any> {
  return MultiDirectedGraph.from(JSON.parse((await exportText('graphology', selection)).toString('utf8')));
}

describe('selections', () => {
  it('ids with depth: the nodes within depth hops and every claim between them', async () => {
    const exp = await expectedIds(['org-front'], 1);
    expect(exp.nodes.size).toBeGreaterThan(3);
    expectGraph(await graphologyOf({ type: 'ids', ids: ['org-front'], depth: 1 }), exp);
  });

  it('ids: unknown ids are skipped when some exist', async () => {
    const exp = await expectedIds(['person-leader', 'person-founder'], 0);
    expect([...exp.edges.keys()]).toEqual(['c-family']);
    expectGraph(await graphologyOf({ type: 'ids', ids: ['person-leader', 'no-such-id', 'person-founder'] }), exp);
  });

  it('ids: none existing is a 404', async () => {
    await expect(exportText('graphology', { type: 'ids', ids: ['nope-1', 'nope-2'] })).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('neighborhood: exactly the nodes and claims neighborhood() returns, filters applied', async () => {
    const opts = { depth: 1, types: undefined, kinds: undefined, status: ['reported' as const, 'documented' as const], limit: 1000 };
    const n = await neighborhood(deps, 'org-hub', opts);
    const exp = await expectedFor(
      n.nodes.map((x) => x.id),
      new Set(n.edges.map((e) => e.id)),
    );
    expect(exp.edges.size).toBe(n.edges.length);
    expect([...exp.edges.values()].every((e) => ['reported', 'documented'].includes(e.properties.status as string))).toBe(true);
    expectGraph(await graphologyOf({ type: 'neighborhood', id: 'org-hub', depth: 1, status: ['reported', 'documented'] }), exp);
  });

  it('neighborhood of an unknown id is a 404', async () => {
    await expect(exportText('gexf', { type: 'neighborhood', id: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('cypher: relationships returned alone bring their endpoints', async () => {
    const graph = await graphologyOf({ type: 'cypher', query: 'MATCH ()-[r:PAID|FUNDED]->() RETURN r' });
    const exp = await expectedFor(['org-front', 'org-arm', 'person-speaker'], new Set(['c-funded', 'c-paid-1', 'c-paid-2']));
    expectGraph(graph, exp);
  });

  it('cypher: nodes, paths and parameters', async () => {
    const graph = await graphologyOf({
      type: 'cypher',
      query: 'MATCH p = (a:Entity {id: $id})-[:LEADS]->(b) RETURN p, a.name AS name',
      params: { id: 'person-leader' },
    });
    expectGraph(graph, await expectedFor(['person-leader', 'org-hub'], new Set(['c-leads'])));
  });

  it('cypher: a write query is refused before anything is written', async () => {
    await expect(exportText('ftm', { type: 'cypher', query: "CREATE (n:Entity {id: 'x'}) RETURN n" })).rejects.toMatchObject({ status: 403 });
  });

  it('file names name the selection', () => {
    expect(filenameFor('gexf', { type: 'neighborhood', id: 'mek', depth: 1, limit: 1000 })).toBe('claimgraph-mek-neighborhood-depth1.gexf');
    expect(filenameFor('csv', { type: 'all' })).toBe('claimgraph-all.csv.zip');
    expect(filenameFor('ftm', { type: 'ids', ids: ['a:b', 'c'], depth: 2 })).toBe('claimgraph-a-b-and-1-more-depth2.ftm.json');
    expect(filenameFor('markdown', { type: 'cypher', query: 'RETURN 1' })).toBe('claimgraph-query.md');
    expect(filenameFor('graphml', { type: 'all' }, 'mine')).toBe('mine.graphml');
  });
});

// ---- hostile data ---------------------------------------------------------------

describe('data that needs escaping survives every format', () => {
  const NASTY = "Line one\nline two \\ back 'single' \"double\" <b>&amp; ]]> tab\there, comma; semicolon 🙂 Société";
  const ALIASES = ['a;b', 'c,d', 'e"f', 'g\nh', "i'j", '[k]'];
  let exp: Expected;
  beforeAll(async () => {
    await testDriver().executeQuery(
      `CREATE (a:Entity:Person {id: 'x-nasty', kind: 'person', name: $nasty, aliases: $aliases, \`odd key\`: 'v', score: 1.5, whole: 2.0, big: 12, flag: true})
       CREATE (b:Entity:Organization {id: 'x-org', kind: 'organization', name: 'Org *bold* [link](https://evil.example)'})
       CREATE (s:Entity:Source {id: 'x-src', kind: 'source', name: '# Not a heading _x_', authors: ['A_B', 'C*D'], url: 'https://e.example/a?b=1&c=2', sourceKind: 'report'})
       CREATE (a)-[:FUNDED {id: 'x-claim', status: 'alleged', quote: $nasty, sourceId: 'x-src', amount: 10.0, currency: 'EUR', tags: ['t1', 't2']}]->(b)
       CREATE (a)-[:FUNDED {id: 'x-claim-2', status: 'reported', quote: 'Second, parallel claim', sourceId: 'x-src', amount: 7}]->(b)`,
      { nasty: NASTY, aliases: ALIASES },
      { database: testNeo4j().database },
    );
    exp = await expectedFor(['x-nasty', 'x-org']);
    expect(exp.edges.size).toBe(2);
  });
  afterAll(async () => {
    await testDriver().executeQuery("MATCH (n:Entity) WHERE n.id IN ['x-nasty', 'x-org', 'x-src'] DETACH DELETE n", {}, { database: testNeo4j().database });
  });
  const selection = { type: 'ids', ids: ['x-nasty', 'x-org'] };

  it('graphology, GEXF and GraphML', async () => {
    expectGraph(await graphologyOf(selection), exp);
    const gexf = (await exportText('gexf', selection)).toString('utf8');
    expect(gexf).toContain('<attribute id="odd key" title="odd key" type="string"/>');
    expect(gexf).toContain('<attribute id="whole" title="whole" type="double"/>');
    expectGraph(parseGexf(MultiDirectedGraph, gexf), exp, (e) => ({ kind: e.type }));
    const graphml = (await exportText('graphml', selection)).toString('utf8');
    expectGraph(graphmlGraph(graphml).graph, exp);
    expect(graphml).toContain(`<data key="n4">${JSON.stringify(ALIASES).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</data>`);
  });

  it('CSV quotes what needs quoting', async () => {
    const files = unzipSync(new Uint8Array(await exportText('csv', selection)));
    const edges = parseCsv(strFromU8(files['edges.csv']!), { columns: true }) as Record<string, string>[];
    expect(edges.find((r) => r.id === 'x-claim')).toMatchObject({ quote: NASTY, amount: '10', tags: 't1;t2' });
    const nodes = parseCsv(strFromU8(files['nodes.csv']!), { columns: true }) as Record<string, string>[];
    expect(nodes.find((r) => r.id === 'x-nasty')).toMatchObject({ name: NASTY, 'odd key': 'v', flag: 'true', score: '1.5' });
  });

  it('Markdown keeps data as text', async () => {
    const text = (await exportText('markdown', selection)).toString('utf8');
    expect(text).toContain('## 1. \\# Not a heading \\_x\\_');
    expect(text).toContain('- **Authors:** A\\_B, C\\*D');
    expect(text).toContain('- **URL:** <https://e.example/a?b=1&c=2>');
    expect(text).toContain('Org \\*bold\\* \\[link\\](https://evil.example)');
    expect(text).toContain("  > Line one line two \\\\ back 'single' \"double\" \\<b\\>\\&amp; \\]\\]\\> tab here, comma; semicolon 🙂 Société");
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(1);
  });

  it('FtM escapes nothing it need not and keeps both parallel claims', async () => {
    const entities = (await exportText('ftm', selection)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    const payments = entities.filter((e) => e.schema === 'Payment');
    expect(payments.map((p) => p.id).sort()).toEqual(['claim-x-claim', 'claim-x-claim-2']);
    expect(payments.find((p) => p.id === 'claim-x-claim').properties).toMatchObject({ payer: ['x-nasty'], beneficiary: ['x-org'], amount: ['10'], currency: ['EUR'], programme: ['FUNDED'], description: [NASTY] });
    expect(entities.find((e) => e.id === 'x-nasty').properties.alias).toEqual(ALIASES);
  });

  it('Cypher script: literals, backticked keys and floats round-trip', async () => {
    const script = (await exportText('cypher', selection)).toString('utf8');
    expect(script).toContain('`odd key`: ');
    expect(script).toContain('whole: 2.0');
    const statements = script.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    const read = () =>
      query(
        "MATCH (n:Entity) WHERE n.id IN ['x-nasty', 'x-org', 'x-src'] OPTIONAL MATCH (n)-[r]->() RETURN n.id AS id, properties(n) AS n, [k IN keys(n) | valueType(n[k])] AS nt, collect(properties(r)) AS rels ORDER BY id",
      );
    const before = await read();
    try {
      await resetDatabase();
      const session = testDriver().session({ database: testNeo4j().database });
      try {
        for (const s of statements) await session.run(s);
      } finally {
        await session.close();
      }
      const after = await read();
      const norm = (rows: Any[]) => rows.map((r) => ({ ...r, rels: [...r.rels].sort((a: Any, b: Any) => String(a.id).localeCompare(String(b.id))) }));
      expect(norm(after)).toEqual(norm(before));
    } finally {
      await resetDatabase();
      await importDataset(FIXTURE);
    }
  });
});

// ---- HTTP ---------------------------------------------------------------------

describe('POST /api/export', () => {
  const post = (body: unknown) =>
    fetch(`${api.url}/api/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it.each(EXPORT_FORMATS)('streams %s as an attachment', async (format) => {
    const res = await post({ format, selection: { type: 'neighborhood', id: 'org-hub', depth: 1 } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition');
    expect(disposition).toMatch(/^attachment; filename="claimgraph-org-hub-neighborhood-depth1\.[a-z.]+"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100);
    if (format === 'csv') {
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['edges.csv', 'nodes.csv', 'sources.csv']);
    }
  });

  it('sends the same bytes as writeExport (graphology, ignoring the timestamp)', async () => {
    const selection = { type: 'ids', ids: ['org-front'], depth: 1 };
    const res = await post({ format: 'graphology', selection, filename: 'front' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="front.json"');
    const viaHttp = JSON.parse(await res.text());
    const direct = JSON.parse((await exportText('graphology', selection)).toString('utf8'));
    delete viaHttp.attributes.exportedAt;
    delete direct.attributes.exportedAt;
    expect(viaHttp).toEqual(direct);
  });

  it('answers 400 for an unknown format', async () => {
    const res = await post({ format: 'pdf', selection: { type: 'all' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('format') } });
  });

  it('answers 400 for a bad selection or file name', async () => {
    expect((await post({ format: 'gexf', selection: { type: 'ids', ids: [] } })).status).toBe(400);
    expect((await post({ format: 'gexf', selection: { type: 'all' }, filename: '../etc/passwd' })).status).toBe(400);
  });

  it('answers 404 as JSON, without an attachment header, when no id exists', async () => {
    const res = await post({ format: 'csv', selection: { type: 'ids', ids: ['missing-a', 'missing-b'] } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 403 for a write query', async () => {
    const res = await post({ format: 'graphml', selection: { type: 'cypher', query: 'MATCH (n) DETACH DELETE n' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('is in the OpenAPI document with its file types and errors', async () => {
    const r = await api.get('/api/openapi.json');
    const op = (r.body as Any).paths['/api/export'].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '408', '413', '429', '503']));
    expect(Object.keys(op.responses['200'].content)).toEqual(expect.arrayContaining(['application/gexf+xml', 'application/zip', 'application/x-ndjson']));
  });
});

// ---- a generated selection larger than one batch ----------------------------------

// Each case exports some 10k claims and checks all of them: minutes on a loaded machine, hence the timeout.
describe('a generated selection of more nodes and edges than one read batch', { timeout: 240_000 }, () => {
  // Edges are read in pages of at most 5,000 claims over slices of 1,000
  // start nodes (server/export/select.ts): 1,200 selected nodes of a generated
  // graph cross both boundaries (a page ends inside the first slice), and
  // their hubs have claims that leave the selection.
  let dir: string;
  let ids: string[];
  let exp: Expected;
  const selection = () => ({ type: 'ids', ids, depth: 0 });
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-export-'));
    await generateDataset({ entities: 1500, claims: 15000, seed: 7, out: dir });
    await resetDatabase();
    await importDataset(dir);
    const all = (await query<{ id: string }>("MATCH (n:Entity) WHERE n.kind <> 'source' RETURN n.id AS id ORDER BY id")).map((r) => r.id);
    ids = all.filter((_, i) => i % 9 !== 0).slice(0, 1200);
    exp = await expectedFor(ids);
    expect(exp.nodes.size).toBe(1200);
    const firstSlice = new Set(sorted(ids).slice(0, 1000));
    expect([...exp.edges.values()].filter((e) => firstSlice.has(e.source)).length).toBeGreaterThan(5000);
    const [left] = await query<{ n: number }>('MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND NOT b.id IN $ids RETURN count(r) AS n', { ids });
    expect(left!.n).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await resetDatabase();
    await importDataset(FIXTURE);
    await rm(dir, { recursive: true, force: true });
  });

  it('graphology JSON: every node and claim once, edges in (source, claim id) order', async () => {
    const json = JSON.parse((await exportText('graphology', selection())).toString('utf8'));
    const keys = (json.edges as Any[]).map((e) => [e.source as string, e.key as string] as const);
    const ordered = [...keys].sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[1], b[1]));
    expect(keys).toEqual(ordered);
    expectGraph(MultiDirectedGraph.from(json), exp);
  });

  it('GEXF holds the same graph', async () => {
    expectGraph(parseGexf(MultiDirectedGraph, (await exportText('gexf', selection())).toString('utf8')), exp, (e) => ({ kind: e.type }));
  });

  it('GraphML holds the same graph', async () => {
    expectGraph(graphmlGraph((await exportText('graphml', selection())).toString('utf8')).graph, exp);
  });

  it('CSV zip: every node, claim and source', async () => {
    const files = unzipSync(new Uint8Array(await exportText('csv', selection())));
    const column = (name: string) => (parseCsv(strFromU8(files[name]!), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[]).map((r) => r.id!);
    expect(sorted(column('nodes.csv'))).toEqual(sorted(exp.nodes.keys()));
    expect(sorted(column('edges.csv'))).toEqual(sorted(exp.edges.keys()));
    expect(sorted(column('sources.csv'))).toEqual(sorted(exp.sources.keys()));
  });

  it('Cypher script, FtM and Markdown: one statement, entity or line per node and claim', async () => {
    const script = (await exportText('cypher', selection())).toString('utf8').split('\n');
    const merged = script.flatMap((l) => /^MERGE \(n:Entity \{id: '([^']+)'\}\)/.exec(l)?.[1] ?? []);
    expect(sorted(merged)).toEqual(sorted(exp.graphNodes.keys()));
    const related = script.flatMap((l) => /-\[r:\w+ \{id: '([^']+)'\}\]->/.exec(l)?.[1] ?? []);
    expect(sorted(related)).toEqual(sorted(exp.edges.keys()));

    const ftm = (await exportText('ftm', selection())).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; properties: Record<string, string[]> });
    expect(sorted(ftm.filter((e) => !e.id.startsWith('claim-')).map((e) => e.id))).toEqual(sorted(exp.graphNodes.keys()));
    expect(sorted(ftm.flatMap((e) => (e.id.startsWith('claim-') ? e.properties.recordId! : [])))).toEqual(sorted(exp.edges.keys()));

    const md = (await exportText('markdown', selection())).toString('utf8');
    const claimIds = [...md.matchAll(/; claim `([^`]+)`\)$/gm)].map((m) => m[1]!);
    expect(sorted(claimIds)).toEqual(sorted(exp.edges.keys()));
    expect([...md.matchAll(/^- \*\*Source id:\*\* `([^`]+)`$/gm)].map((m) => m[1]).sort()).toEqual(sorted(exp.sources.keys()));
  });
});
