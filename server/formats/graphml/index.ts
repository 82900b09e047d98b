/** GraphML (yEd, Cytoscape, NetworkX, Gephi): written with every key and the view's x, y, size, color (write.ts), read as entities and claims citing the file (read.ts). */
import { graphFileReader } from '../graph-file/reader.ts';
import type { FormatDescriptor } from '../types.ts';
import { GRAPHML_FILE } from './read.ts';
import { writeGraphml } from './write.ts';

export const graphml: FormatDescriptor = {
  id: 'graphml',
  label: 'GraphML',
  hint: 'for yEd, Cytoscape, NetworkX',
  reader: graphFileReader(GRAPHML_FILE),
  writer: { contentType: 'application/graphml+xml; charset=utf-8', extension: '.graphml', write: writeGraphml },
};
