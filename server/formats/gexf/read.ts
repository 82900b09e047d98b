/**
 * GEXF import (Gephi, Gephi Lite, graphology): graphology-gexf reads the
 * attributes (declared types, lists, defaults, viz); graph-file/ turns nodes
 * into entities and edges into claims citing the file.
 */
import type { MultiGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import type { GraphFileFormat } from '../graph-file/reader.ts';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export const GEXF_FILE: GraphFileFormat = {
  name: 'GEXF',
  root: 'gexf',
  extension: '.gexf',
  parse: (Graph, doc) => parse(Graph, doc, { allowUndeclaredAttributes: true }) as MultiGraph,
  meta: (graph) => {
    const creator = text(graph.getAttribute('creator'));
    return { byClaimgraph: creator === 'claimgraph', creator, description: text(graph.getAttribute('description')), date: text(graph.getAttribute('lastModifiedDate')) };
  },
};
