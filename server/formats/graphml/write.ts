/**
 * GraphML (yEd, Cytoscape, NetworkX, igraph): a `<key>` for every node and
 * edge attribute (`for="node"`/`for="edge"`, `attr.name`, `attr.type` one of
 * boolean, long, double, string; ids n0, n1, ... and e0, e1, ...), then
 * `<graph edgedefault="directed">` with `<data key=...>` values. Edges carry
 * the claim id as their `id` (parallel edges are distinct claims).
 *
 * Lists (aliases, authors, labels, datasets, ...) are JSON arrays in a string
 * attribute, e.g. `["NWM","Société du Nord"]`: lossless whatever the items
 * contain, and one `json.loads` away in NetworkX. Such keys say so in their
 * `<desc>`. Attributes whose values mix types are strings as well, their
 * non-string values JSON.
 */
import { EDGE_ORDER, NODE_ORDER, edgeAttributes, nodeAttributes, scalarText, scanAttributes, xmlAttr, xmlText, type AttributeSpec, type Attributes } from '../attributes.ts';
import type { ExportMeta, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

interface Key extends AttributeSpec {
  id: string;
}

function keys(prefix: 'n' | 'e', specs: AttributeSpec[]): Key[] {
  return specs.map((s, i) => ({ ...s, id: `${prefix}${i}` }));
}

function keyLine(k: Key, forWhat: 'node' | 'edge'): string {
  const type = k.list || k.json ? 'string' : k.type;
  const head = `  <key id="${k.id}" for="${forWhat}" attr.name="${xmlAttr(k.name)}" attr.type="${type}"`;
  if (k.list) return `${head}><desc>JSON array of ${k.type} values</desc></key>\n`;
  if (k.json) return `${head}><desc>mixed values: strings as they are, anything else as JSON</desc></key>\n`;
  return `${head}/>\n`;
}

function dataLines(ks: Key[], attrs: Attributes): string {
  let s = '';
  for (const k of ks) {
    const v = attrs[k.name];
    if (v === undefined || v === null) continue;
    const text = k.list && Array.isArray(v) ? JSON.stringify(v) : scalarText(v);
    s += `<data key="${k.id}">${xmlText(text)}</data>`;
  }
  return s;
}

export async function writeGraphml(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const scan = await scanAttributes(sub.nodes({ withSources: true }), sub.edges());
  const nodeKeys = keys('n', scan.node.specs(NODE_ORDER));
  const edgeKeys = keys('e', scan.edge.specs(EDGE_ORDER));
  const sink = new StreamSink(out);
  await sink.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
      `  <desc>${xmlText(`claimgraph export of ${meta.exportedAt} (${meta.selection.type} selection${sub.truncated ? ', truncated' : ''}); every edge is a sourced claim`)}</desc>\n` +
      nodeKeys.map((k) => keyLine(k, 'node')).join('') +
      edgeKeys.map((k) => keyLine(k, 'edge')).join('') +
      '  <graph id="claimgraph" edgedefault="directed">\n',
  );
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) await sink.write(`    <node id="${xmlAttr(n.id)}">${dataLines(nodeKeys, nodeAttributes(n))}</node>\n`);
  }
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      await sink.write(
        `    <edge id="${xmlAttr(e.id)}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}">${dataLines(edgeKeys, edgeAttributes(e))}</edge>\n`,
      );
    }
  }
  await sink.write('  </graph>\n</graphml>\n');
  await sink.flush();
}
