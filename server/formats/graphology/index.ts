/** graphology's serialized graph (`Graph.from(json)`): write.ts. */
import type { FormatDescriptor } from '../types.ts';
import { writeGraphology } from './write.ts';

export const graphology: FormatDescriptor = {
  id: 'graphology',
  label: 'JSON',
  hint: 'graphology serialization',
  writer: { contentType: 'application/json; charset=utf-8', extension: '.json', write: writeGraphology },
};
