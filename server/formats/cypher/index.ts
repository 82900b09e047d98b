/** A Cypher script that recreates the subgraph in any Neo4j 5: write.ts. */
import type { FormatDescriptor } from '../types.ts';
import { writeCypherScript } from './write.ts';

export const cypher: FormatDescriptor = {
  id: 'cypher',
  label: 'Cypher',
  hint: 'a script that recreates it in Neo4j',
  writer: { contentType: 'text/plain; charset=utf-8', extension: '.cypher', write: writeCypherScript },
};
