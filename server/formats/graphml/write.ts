/**
 * GraphML (yEd, Cytoscape, NetworkX, igraph): a `<key>` for every node and
 * edge attribute (`for="node"`/`for="edge"`, `attr.name`, `attr.type` one of
 * boolean, long, double, string; ids n0, n1, ... and e0, e1, ...), then
 * `<graph edgedefault="directed">` with `<data key=...>` values. Edges carry
 * the claim id as their `id` (parallel edges are distinct claims).
 *
 * With the client's view (ExportMeta.view), nodes also get `x`, `y`,
 * `size` (double) and `color` (`#rrggbb`) keys and edges `color`: plain
 * keys, no yFiles graphics, which is what Gephi's GraphML importer reads
 * (by key id or attr.name) and graphology-graphml (Gephi Lite) loads as the
 * node's x, y, size and color; a stored property of one of those names is
 * then written as `data_<name>`. Edge thickness has no GraphML key Gephi
 * reads and is left out (GEXF carries it).
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
import { hexColor, ViewLookup, type Drawn } from '../viz.ts';

interface Key extends AttributeSpec {
  id: string;
  /** The attribute the key's values come from (its `name` is what the key is called). */
  from: string;
}

/** Keys named like the view's (x, y, size, color) are renamed `data_<name>` when a view is drawn, so Gephi does not take them for the drawing. */
function keys(prefix: 'n' | 'e', specs: AttributeSpec[], taken: ReadonlySet<string>): Key[] {
  return specs.map((s, i) => ({ ...s, id: `${prefix}${i}`, from: s.name, name: taken.has(s.name) ? `data_${s.name}` : s.name }));
}

/** The view's keys: what Gephi's GraphML importer takes for position, size and colour (and graphology-graphml reads as x, y, size, color). */
function viewKeys(view: ViewLookup): { node: string; edge: string; taken: { node: Set<string>; edge: Set<string> } } {
  if (view.empty) return { node: '', edge: '', taken: { node: new Set(), edge: new Set() } };
  const node = [
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>\n',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>\n',
    view.hasNodeSizes() ? '  <key id="size" for="node" attr.name="size" attr.type="double"/>\n' : '',
    view.hasNodeColors() ? '  <key id="color" for="node" attr.name="color" attr.type="string"/>\n' : '',
  ].join('');
  const edge = view.hasEdgeColors() ? '  <key id="edgecolor" for="edge" attr.name="color" attr.type="string"/>\n' : '';
  return { node, edge, taken: { node: new Set(['x', 'y', 'size', 'color']), edge: new Set(['color']) } };
}

function drawnData(d: Drawn | undefined, edge = false): string {
  if (!d) return '';
  let s = '';
  if (!edge && d.x !== undefined && d.y !== undefined) s += `<data key="x">${d.x}</data><data key="y">${d.y}</data>`;
  if (!edge && d.size !== undefined) s += `<data key="size">${d.size}</data>`;
  if (d.color) s += `<data key="${edge ? 'edgecolor' : 'color'}">${hexColor(d.color)}</data>`;
  return s;
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
    const v = attrs[k.from];
    if (v === undefined || v === null) continue;
    const text = k.list && Array.isArray(v) ? JSON.stringify(v) : scalarText(v);
    s += `<data key="${k.id}">${xmlText(text)}</data>`;
  }
  return s;
}

export async function writeGraphml(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const scan = await scanAttributes(sub.nodes({ withSources: true }), sub.edges());
  const view = new ViewLookup(meta.view);
  const drawn = viewKeys(view);
  const nodeKeys = keys('n', scan.node.specs(NODE_ORDER), drawn.taken.node);
  const edgeKeys = keys('e', scan.edge.specs(EDGE_ORDER), drawn.taken.edge);
  const sink = new StreamSink(out);
  await sink.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
      `  <desc>${xmlText(`claimgraph export of ${meta.exportedAt} (${meta.selection.type} selection${sub.truncated ? ', truncated' : ''}); every edge is a sourced claim`)}</desc>\n` +
      nodeKeys.map((k) => keyLine(k, 'node')).join('') +
      drawn.node +
      edgeKeys.map((k) => keyLine(k, 'edge')).join('') +
      drawn.edge +
      '  <graph id="claimgraph" edgedefault="directed">\n',
  );
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) await sink.write(`    <node id="${xmlAttr(n.id)}">${dataLines(nodeKeys, nodeAttributes(n))}${drawnData(view.node(n.id))}</node>\n`);
  }
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      await sink.write(
        `    <edge id="${xmlAttr(e.id)}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}">${dataLines(edgeKeys, edgeAttributes(e))}${drawnData(view.edge(e.id), true)}</edge>\n`,
      );
    }
  }
  await sink.write('  </graph>\n</graphml>\n');
  await sink.flush();
}
