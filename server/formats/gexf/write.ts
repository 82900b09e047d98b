/**
 * GEXF 1.3 (Gephi): `<graph defaultedgetype="directed" mode="static">`, every
 * node and edge attribute declared (`<attributes class="node|edge">`, the
 * attribute's name as its id and title), then nodes and edges.
 *
 * - node: `id` = entity id, `label` = name; attvalues: kind, labels, name,
 *   aliases, description, ... (attributes.ts).
 * - edge: `id` = claim id, `label` and `kind` = relationship type (Gephi
 *   keeps parallel edges of different kinds apart); attvalues: type, claimId,
 *   status, sourceId, quote, date, start, end, amount, currency, role, ...
 * - With the client's view (ExportMeta.view): `xmlns:viz="http://gexf.net/1.3/viz"`
 *   and, after the attvalues of each node the view draws, `viz:color` (r, g,
 *   b and a), `viz:position` (x, y, z="0") and `viz:size`; of each edge,
 *   `viz:color` and `viz:thickness` (as Gephi, Gephi Lite and graphology-gexf
 *   write and read them).
 * - Types: string, long, double, boolean, and their list types (liststring,
 *   ...). GEXF 1.3 list values are written `["a", "b"]` (items in double
 *   quotes, `\` and `"` escaped with `\`), which is how graphology-gexf reads
 *   and writes them; mixed-type attributes are strings holding JSON.
 */
import { EDGE_ORDER, NODE_ORDER, edgeAttributes, nodeAttributes, scalarText, scanAttributes, xmlAttr, type AttributeSpec, type Attributes } from '../attributes.ts';
import type { ExportMeta, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';
import { ViewLookup, type Drawn } from '../viz.ts';
import type { Json } from '../../neo4j/values.ts';

function quoteItem(v: Json): string {
  if (typeof v === 'string') return `"${v.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
  return scalarText(v);
}

export function gexfValue(spec: AttributeSpec, v: Json): string {
  if (spec.list && Array.isArray(v)) return `[${v.filter((x) => x !== null).map(quoteItem).join(', ')}]`;
  return scalarText(v);
}

function declarations(cls: 'node' | 'edge', specs: AttributeSpec[]): string {
  const lines = specs.map(
    (s) => `      <attribute id="${xmlAttr(s.name)}" title="${xmlAttr(s.name)}" type="${s.list ? `list${s.type}` : s.type}"/>\n`,
  );
  return `    <attributes class="${cls}">\n${lines.join('')}    </attributes>\n`;
}

function attvalues(specs: AttributeSpec[], attrs: Attributes): string {
  const parts: string[] = [];
  for (const s of specs) {
    const v = attrs[s.name];
    if (v === undefined || v === null) continue;
    parts.push(`<attvalue for="${xmlAttr(s.name)}" value="${xmlAttr(gexfValue(s, v))}"/>`);
  }
  return parts.length ? `<attvalues>${parts.join('')}</attvalues>` : '';
}

/** The viz elements of a drawn node or edge (GEXF 1.3 viz namespace: color, position, size; thickness for edges). */
export function vizElements(d: Drawn | undefined, edge = false): string {
  if (!d) return '';
  let s = '';
  if (d.color) s += `<viz:color r="${d.color.r}" g="${d.color.g}" b="${d.color.b}"${d.color.a !== undefined ? ` a="${d.color.a}"` : ''}/>`;
  if (!edge && d.x !== undefined && d.y !== undefined) s += `<viz:position x="${d.x}" y="${d.y}" z="0"/>`;
  if (d.size !== undefined) s += edge ? `<viz:thickness value="${d.size}"/>` : `<viz:size value="${d.size}"/>`;
  return s;
}

export async function writeGexf(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const scan = await scanAttributes(sub.nodes({ withSources: true }), sub.edges());
  // `label` is the element's own label attribute, not an attvalue.
  const nodeSpecs = scan.node.specs(NODE_ORDER, ['label']);
  const edgeSpecs = scan.edge.specs(EDGE_ORDER, ['label']);
  const view = new ViewLookup(meta.view);
  const sink = new StreamSink(out);
  const description = `claimgraph export (${meta.selection.type} selection${sub.truncated ? ', truncated' : ''}); every edge is a sourced claim`;
  await sink.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<gexf xmlns="http://gexf.net/1.3"${view.empty ? '' : ' xmlns:viz="http://gexf.net/1.3/viz"'} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
      `  <meta lastmodifieddate="${meta.exportedAt.slice(0, 10)}">\n` +
      '    <creator>claimgraph</creator>\n' +
      `    <description>${xmlAttr(description)}</description>\n` +
      '  </meta>\n' +
      '  <graph defaultedgetype="directed" mode="static">\n' +
      declarations('node', nodeSpecs) +
      declarations('edge', edgeSpecs) +
      '    <nodes>\n',
  );
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) {
      const body = attvalues(nodeSpecs, nodeAttributes(n)) + vizElements(view.node(n.id));
      await sink.write(`      <node id="${xmlAttr(n.id)}" label="${xmlAttr(n.name)}">${body}</node>\n`);
    }
  }
  await sink.write('    </nodes>\n    <edges>\n');
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      const head = `<edge id="${xmlAttr(e.id)}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}" label="${xmlAttr(e.type)}" kind="${xmlAttr(e.type)}">`;
      await sink.write(`      ${head}${attvalues(edgeSpecs, edgeAttributes(e))}${vizElements(view.edge(e.id), true)}</edge>\n`);
    }
  }
  await sink.write('    </edges>\n  </graph>\n</gexf>\n');
  await sink.flush();
}
