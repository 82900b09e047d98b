/**
 * The reader GEXF and GraphML share (gexf/index.ts, graphml/index.ts): the
 * first pass parses and checks the file (xml.ts) and reads its attributes
 * with graphology's parser for that format; records then come from
 * records.ts. Each format gives only how to read its document.
 */
import { MultiGraph } from 'graphology';
import path from 'node:path';
import { displayPath, type DatasetIssue } from '../records.ts';
import { DETECT, type FileProbe, type FormatReader } from '../types.ts';
import { emptyNotes } from '../notes.ts';
import { graphFileRecords, type GraphFile } from './records.ts';
import { elementText, lineStarts, parseGraphXml, type XmlGraph } from './xml.ts';

export type GraphParser = (graph: typeof MultiGraph, doc: Document) => MultiGraph;

export interface GraphFileFormat {
  name: 'GEXF' | 'GraphML';
  root: 'gexf' | 'graphml';
  extension: string;
  parse: GraphParser;
  /** Written by claimgraph's export; the file's creator, description and date. */
  meta(graph: MultiGraph, xml: XmlGraph): { byClaimgraph: boolean; creator?: string; description?: string; date?: string };
  /** Attributes as the model should see them (GraphML: JSON lists decoded, yEd graphics dropped). */
  nodeAttributes?(attrs: Record<string, unknown>, el: Element, xml: XmlGraph): Record<string, unknown>;
  edgeAttributes?(attrs: Record<string, unknown>, el: Element, xml: XmlGraph): Record<string, unknown>;
}

interface State {
  graph?: GraphFile;
  dataset: string;
  options: Parameters<NonNullable<FormatReader['prepare']>>[1]['options'];
}

async function prepare(f: GraphFileFormat, file: string, onIssue: (i: DatasetIssue) => void): Promise<GraphFile | undefined> {
  const shown = displayPath(file);
  const xml = await parseGraphXml(file, shown, f.root, onIssue);
  if (!xml) return undefined;
  let graph: MultiGraph;
  try {
    graph = f.parse(MultiGraph, xml.doc);
  } catch (err) {
    onIssue({ file: shown, message: `not a readable ${f.name} file: ${(err as Error).message.replace(/^graphology-\w+\/parser: /, '')}` });
    return undefined;
  }
  const starts = lineStarts(xml.text);
  const meta = f.meta(graph, xml);
  return {
    format: f.name,
    shown,
    base: path.basename(file),
    byClaimgraph: meta.byClaimgraph,
    meta,
    notes: emptyNotes(),
    nodes: xml.nodes.map((n) => {
      const attrs = graph.getNodeAttributes(n.id);
      return { id: n.id, line: n.line, attrs: f.nodeAttributes?.(attrs, n.element, xml) ?? attrs };
    }),
    edges: xml.edges.map((e) => {
      const attrs = graph.getEdgeAttributes(e.id);
      return {
        id: e.id,
        line: e.line,
        attrs: f.edgeAttributes?.(attrs, e.element, xml) ?? attrs,
        source: e.source,
        target: e.target,
        directed: graph.isDirected(e.id),
        text: elementText(xml.text, starts, e.element),
      };
    }),
  };
}

/** The import side of a graph-file format. */
export function graphFileReader(f: GraphFileFormat): FormatReader<State> {
  return {
    extensions: [f.extension],
    detect: (p: FileProbe) => (new RegExp(`<(\\w+:)?${f.root}[\\s>]`).test(p.head) ? DETECT.CONTENT : p.name.endsWith(f.extension) ? DETECT.NAME : DETECT.NO),
    options: ['status', 'kind', 'type'],
    prepare: async (input, ctx, onIssue) => ({ graph: await prepare(f, input.file, onIssue), dataset: ctx.dataset, options: ctx.options }),
    async *records(_input, state, onIssue) {
      if (state.graph) yield* graphFileRecords(state.graph, state.dataset, state.options, onIssue);
    },
    notes: (state) => state.graph?.notes ?? emptyNotes(),
  };
}
