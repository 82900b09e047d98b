/** What the evidence panel shows for a path search: the query, the answer, the names, the filters it followed. */
import type { PathsResult } from '../api/types.ts';
import type { PathQuery } from './types.ts';

export interface PathsContent {
  type: 'paths';
  query: PathQuery;
  result: PathsResult;
  /** Names of the entities on the canvas and in the answer. */
  names: Map<string, string>;
  /** The canvas filters the search followed, in words (empty: none active or ignored). */
  filters: string[];
}
