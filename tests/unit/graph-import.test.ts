/**
 * GEXF and GraphML import (server/formats/graph-file, gexf/, graphml/):
 * Gephi-style files written here (viz: attributes, undeclared attributes,
 * kinds by synonym, untyped edges) become entities and claims citing the
 * file, with the status the user states; without one, a usage error naming
 * the file, the line and the first edge; broken files name line and element.
 * And the GEXF/GraphML writers draw the client's view, read back by
 * graphology-gexf / graphology-graphml with positions, sizes and colours.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGexf } from '../../server/formats/gexf/write.ts';
import type { ExportEdge, ExportMeta, ExportNode, Subgraph } from '../../server/formats/graph.ts';
import { writeGraphml } from '../../server/formats/graphml/write.ts';
import { DatasetValidationError } from '../../server/import/errors.ts';
import { loadDataset } from '../../server/import/load.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-graph-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const GEPHI_GEXF = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-03-01">
    <creator>Gephi 0.10.1</creator>
    <description>A lobbying network</description>
  </meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node">
      <attribute id="0" title="kind" type="string"/>
      <attribute id="1" title="Modularity Class" type="integer"/>
    </attributes>
    <attributes class="edge">
      <attribute id="0" title="relation" type="string"/>
    </attributes>
    <nodes>
      <node id="1" label="Ann Example">
        <attvalues><attvalue for="0" value="person"/><attvalue for="1" value="2"/></attvalues>
        <viz:size value="12.5"/><viz:position x="10.5" y="-3.25" z="0.0"/><viz:color r="200" g="10" b="10"/>
      </node>
      <node id="2" label="Acme &amp; Co">
        <attvalues><attvalue for="0" value="company"/></attvalues>
        <viz:position x="1" y="2"/>
      </node>
      <node id="3" label="Transparency"/>
    </nodes>
    <edges>
      <edge id="0" source="1" target="2" label="works for">
        <attvalues><attvalue for="0" value="employed by"/></attvalues>
      </edge>
      <edge id="1" source="2" target="3" weight="2.0" type="undirected"/>
    </edges>
  </graph>
</gexf>
`;

async function file(name: string, text: string): Promise<string> {
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
}

async function issuesOf(target: string, opts: Parameters<typeof loadDataset>[1] = {}) {
  try {
    await loadDataset(target, opts);
  } catch (err) {
    if (err instanceof DatasetValidationError) return err.issues;
    throw err;
  }
  return expect.fail('expected a validation error');
}

describe('a Gephi GEXF file', () => {
  it('becomes entities and claims citing the file, with the status stated', async () => {
    const f = await file('lobby.gexf', GEPHI_GEXF);
    const d = await loadDataset(f, { options: { status: 'alleged' } });
    expect(d.meta.name).toBe('lobby');
    expect(d.entities.map((e) => [e.id, e.kind, e.name])).toEqual([
      ['lobby:1', 'person', 'Ann Example'],
      ['lobby:2', 'organization', 'Acme & Co'],
      ['lobby:3', 'concept', 'Transparency'],
    ]);
    // The drawing is not data; other attributes are properties, the file's id kept.
    expect(d.entities[0]!.properties).toEqual({ modularityClass: 2, fileId: '1' });
    expect(d.sources).toHaveLength(1);
    expect(d.sources[0]).toMatchObject({ id: 'file:lobby:lobby.gexf', name: 'lobby.gexf', sourceKind: 'dataset', date: '2024-03-01', properties: { creator: 'Gephi 0.10.1' } });
    const [works, other] = d.claims;
    expect(works).toMatchObject({ id: 'lobby:0', type: 'EMPLOYED_BY', from: 'lobby:1', to: 'lobby:2', status: 'alleged', sourceId: 'file:lobby:lobby.gexf' });
    expect(works!.properties).toMatchObject({ label: 'works for' });
    expect(other).toMatchObject({ type: 'ASSOCIATED_WITH', status: 'alleged', properties: { weight: 2, directed: false } });
    // The quote is the edge as the file writes it (whitespace runs folded), so the file itself holds it.
    const folded = GEPHI_GEXF.replace(/\s+/g, ' ');
    for (const c of d.claims) {
      expect(c.paraphrase).toBeUndefined();
      expect(folded).toContain(c.quote);
      expect(c.quote.startsWith(`<edge id="${c.id.slice('lobby:'.length)}"`)).toBe(true);
    }
    expect(d.notes.assumed).toEqual({
      'kind "concept" for nodes that name none of claimgraph\'s kinds (--kind sets another)': 1,
      "type ASSOCIATED_WITH for edges that name none of claimgraph's relationship types (--type sets another)": 1,
    });
  });

  it('takes --kind and --type as the defaults', async () => {
    const f = await file('lobby2.gexf', GEPHI_GEXF);
    const d = await loadDataset(f, { options: { status: 'reported', kind: 'organization', type: 'LOBBIED_FOR' } });
    expect(d.entities.find((e) => e.name === 'Transparency')?.kind).toBe('organization');
    expect(d.claims.map((c) => c.type)).toEqual(['EMPLOYED_BY', 'LOBBIED_FOR']);
    expect(d.notes.assumed).toEqual({});
  });

  it('without --status is refused, naming the file, the line of the first edge and the option', async () => {
    const f = await file('nostatus.gexf', GEPHI_GEXF);
    const issues = await issuesOf(f);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 27, record: 'edge "0"', field: 'status', option: 'status' });
    expect(issues[0]!.file).toContain('nostatus.gexf');
    expect(issues[0]!.message).toMatch(/^2 of 2 edges have no claimgraph status: .* --status <documented\|reported\|assessment\|alleged\|disputed>/);
  });

  it('--status for a dataset without graph files is refused too', async () => {
    const f = await file('plain.yaml', 'entities:\n  - {id: a, kind: person, name: A}\n');
    const issues = await issuesOf(f, { options: { status: 'reported' } });
    expect(issues).toEqual([expect.objectContaining({ option: 'status', message: expect.stringMatching(/^--status is for files that carry no status of their own \(GEXF, GraphML\)/) })]);
  });
});

describe('broken graph files', () => {
  it('not well-formed XML: the line and what is wrong', async () => {
    const f = await file('broken.gexf', '<?xml version="1.0"?>\n<gexf>\n<graph>\n<nodes><node id="a" label="x></nodes>\n</graph></gexf>\n');
    const issues = await issuesOf(f, { options: { status: 'reported' } });
    expect(issues[0]).toMatchObject({ line: 4 });
    expect(issues[0]!.message).toMatch(/^not well-formed XML \(column \d+\): /);
  });

  it('an edge to a node the file does not have, and a duplicate node: element and line', async () => {
    const text = '<gexf xmlns="http://gexf.net/1.3"><graph>\n<nodes>\n<node id="a"/>\n<node id="a"/>\n</nodes><edges>\n<edge id="e1" source="a" target="zz"/>\n</edges></graph></gexf>\n';
    const issues = await issuesOf(await file('refs.gexf', text), { options: { status: 'reported' } });
    expect(issues).toEqual([
      expect.objectContaining({ line: 4, record: 'node "a"', field: 'id', message: 'duplicate node id "a", first at line 3' }),
      expect.objectContaining({ line: 6, record: 'edge "e1"', field: 'target', message: '"zz" is not the id of a node in this file' }),
    ]);
  });

  it('a GraphML file given as GEXF says what its root is', async () => {
    const f = await file('wrong.gexf', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>\n');
    const issues = await issuesOf(f, { format: 'gexf', options: { status: 'reported' } });
    expect(issues[0]!.message).toBe('expected a <gexf> document; the root element is <graphml>');
  });
});

describe('a Gephi-style GraphML file', () => {
  const GRAPHML = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="kind" for="node" attr.name="Kind" attr.type="string"/>
  <key id="x" for="node" attr.name="x" attr.type="float"/>
  <key id="r" for="node" attr.name="r" attr.type="int"/>
  <key id="g" for="node" attr.name="g" attr.type="int"/>
  <key id="b" for="node" attr.name="b" attr.type="int"/>
  <key id="born" for="node" attr.name="born" attr.type="int"/>
  <key id="rel" for="edge" attr.name="type" attr.type="string"/>
  <key id="st" for="edge" attr.name="status" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="label">Bo Person</data><data key="kind">Person</data><data key="x">1.5</data><data key="r">10</data><data key="g">20</data><data key="b">30</data><data key="born">1960</data></node>
    <node id="n1"><data key="label">Fund X</data><data key="kind">organisation</data></node>
    <edge source="n0" target="n1"><data key="rel">funded</data><data key="st">documented</data></edge>
    <edge source="n1" target="n0"><data key="st">active</data></edge>
  </graph>
</graphml>
`;

  it('keeps the statuses it has, takes --status for the rest, and drops the drawing', async () => {
    const d = await loadDataset(await file('fund.graphml', GRAPHML), { options: { status: 'reported' } });
    expect(d.entities.map((e) => [e.id, e.kind, e.name])).toEqual([
      ['fund:n0', 'person', 'Bo Person'],
      ['fund:n1', 'organization', 'Fund X'],
    ]);
    expect(d.entities[0]).toMatchObject({ born: '1960', properties: { fileId: 'n0' } });
    expect(d.claims.map((c) => [c.type, c.status, c.properties?.statusInFile])).toEqual([
      ['FUNDED', 'documented', undefined],
      ['ASSOCIATED_WITH', 'reported', 'active'],
    ]);
    // Edges without an id get one from their place in the file.
    expect(d.claims.map((c) => c.id)).toEqual(['fund:edge1', 'fund:edge2']);
    expect(d.claims[0]!.quote).toBe('<edge source="n0" target="n1"><data key="rel">funded</data><data key="st">documented</data></edge>');
  });
});

// ---- writers: the view -------------------------------------------------------

function node(id: string, kind: string, name: string, props: Record<string, unknown> = {}): ExportNode {
  return { id, kind, labels: ['Entity'], name, properties: { id, kind, name, ...props } as ExportNode['properties'], floatKeys: [] };
}

function subgraph(nodes: ExportNode[], edges: ExportEdge[]): Subgraph {
  return {
    selection: { type: 'all' },
    slug: 'all',
    truncated: false,
    async *nodes() {
      yield nodes;
    },
    async *edges() {
      yield edges;
    },
    async *sources() {
      yield nodes.filter((n) => n.kind === 'source');
    },
    async *citedClaims() {
      yield [];
    },
  };
}

async function written(write: (s: Subgraph, o: NodeJS.WritableStream, m: ExportMeta) => Promise<void>, sub: Subgraph, meta: ExportMeta): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(sub, out, meta);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('the view in GEXF and GraphML exports', () => {
  const sub = subgraph(
    [node('a', 'person', 'A', { x: 'a stored x' }), node('b', 'organization', 'B'), node('s', 'source', 'S', { sourceKind: 'report' })],
    [
      {
        id: 'c1',
        type: 'FUNDED',
        source: 'a',
        target: 'b',
        status: 'reported',
        sourceId: 's',
        quote: 'A funds B',
        properties: { id: 'c1', status: 'reported', sourceId: 's', quote: 'A funds B' },
        sourceKind: 'person',
        targetKind: 'organization',
        floatKeys: [],
      },
    ],
  );
  const view = { nodes: { a: { x: 10.5, y: -3.25, size: 12, color: '#c80a0a' }, b: { x: 0, y: 2 } }, edges: { c1: { color: 'rgba(0, 0, 255, 0.5)', size: 3 } } };
  const meta: ExportMeta = { format: 'gexf', selection: { type: 'all' }, exportedAt: '2026-01-01T00:00:00.000Z', view };

  it('GEXF writes viz:position, viz:size and viz:color in the 1.3 viz namespace, and graphology-gexf reads them back', async () => {
    const xml = await written(writeGexf, sub, meta);
    expect(xml).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(xml).toContain('<viz:color r="200" g="10" b="10"/><viz:position x="10.5" y="-3.25" z="0"/><viz:size value="12"/>');
    const g = parseGexf(MultiDirectedGraph, xml);
    expect(g.getNodeAttributes('a')).toMatchObject({ x: 10.5, y: -3.25, size: 12, color: 'rgb(200,10,10)', label: 'A' });
    expect(g.getNodeAttributes('b')).toMatchObject({ x: 0, y: 2 });
    expect(g.getNodeAttributes('s').x).toBeUndefined();
    expect(g.getEdgeAttributes('c1')).toMatchObject({ color: 'rgba(0,0,255,0.5)', thickness: 3, status: 'reported' });
  });

  it('GEXF without a view is written as before (no viz namespace)', async () => {
    const xml = await written(writeGexf, sub, { ...meta, view: undefined });
    expect(xml).not.toContain('viz');
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3" xmlns:xsi=');
  });

  it('GraphML writes x, y, size and color keys, a stored x as data_x, and graphology-graphml reads them back', async () => {
    const xml = await written(writeGraphml, sub, { ...meta, format: 'graphml' });
    expect(xml).toContain('<key id="x" for="node" attr.name="x" attr.type="double"/>');
    expect(xml).toContain('attr.name="data_x"');
    const g = parseGraphml(MultiDirectedGraph, xml);
    expect(g.getNodeAttributes('a')).toMatchObject({ x: 10.5, y: -3.25, size: 12, color: '#c80a0a', data_x: 'a stored x', label: 'A' });
    expect(g.getEdgeAttributes('c1')).toMatchObject({ color: '#0000ff', quote: 'A funds B' });
  });

  it('a GEXF export read back as a dataset: the drawing is left out, claims keep their own evidence', async () => {
    const f = path.join(dir, 'drawn.gexf');
    await writeFile(f, await written(writeGexf, sub, meta));
    const d = await loadDataset(f);
    expect(d.entities.map((e) => e.id)).toEqual(['a', 'b']);
    expect(d.sources.map((s) => s.id)).toEqual(['s']);
    expect(d.claims).toEqual([expect.objectContaining({ id: 'c1', type: 'FUNDED', status: 'reported', sourceId: 's', quote: 'A funds B' })]);
    expect((await readFile(f, 'utf8')).includes('<creator>claimgraph</creator>')).toBe(true);
  });
});
