/**
 * graphology's serialized graph format, loadable with `Graph.from(json)`:
 * `{attributes, options: {type: 'directed', multi: true, allowSelfLoops: true},
 * nodes: [{key, attributes}], edges: [{key, source, target, attributes}]}`.
 * Node keys are entity ids, edge keys claim ids; attributes are the canonical
 * sets of attributes.ts (lists stay JSON arrays). Written as it is read.
 */
import { edgeAttributes, nodeAttributes } from '../attributes.ts';
import type { ExportMeta, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

export async function writeGraphology(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const sink = new StreamSink(out);
  const attributes = {
    name: 'claimgraph export',
    exportedAt: meta.exportedAt,
    selection: meta.selection,
    truncated: sub.truncated,
  };
  await sink.write(`{"attributes":${JSON.stringify(attributes)},"options":{"type":"directed","multi":true,"allowSelfLoops":true},"nodes":[`);
  let first = true;
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) {
      await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify({ key: n.id, attributes: nodeAttributes(n) })}`);
      first = false;
    }
  }
  await sink.write('\n],"edges":[');
  first = true;
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify({ key: e.id, source: e.source, target: e.target, attributes: edgeAttributes(e) })}`);
      first = false;
    }
  }
  await sink.write('\n]}\n');
  await sink.flush();
}
