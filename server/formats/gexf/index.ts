/** GEXF 1.3 (Gephi, Gephi Lite): written with every attribute and the view's viz (write.ts), read as entities and claims citing the file (read.ts). */
import { graphFileReader } from '../graph-file/reader.ts';
import type { FormatDescriptor } from '../types.ts';
import { GEXF_FILE } from './read.ts';
import { writeGexf } from './write.ts';

export const gexf: FormatDescriptor = {
  id: 'gexf',
  label: 'GEXF',
  hint: 'for Gephi and Gephi Lite',
  reader: graphFileReader(GEXF_FILE),
  writer: { contentType: 'application/gexf+xml; charset=utf-8', extension: '.gexf', write: writeGexf },
};
