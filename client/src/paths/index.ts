/** Turns a paths answer into what the canvas highlights: node ids and drawn-edge keys. */
import type { PathsResult } from '../api/types.ts';
import { foldKey } from '../graph/fold.ts';

export type { PathQuery } from './types.ts';
export { DEFAULT_MAX_HOPS, HOP_CHOICES } from './types.ts';

export function pathHighlight(result: PathsResult, only?: number): { nodes: Set<string>; edges: Set<string> } {
  const byId = new Map(result.edges.map((e) => [e.id, e] as const));
  const nodes = new Set<string>();
  const edges = new Set<string>();
  result.paths.forEach((p, i) => {
    if (only !== undefined && i !== only) return;
    p.nodes.forEach((n) => nodes.add(n));
    for (const id of p.edges) {
      const e = byId.get(id);
      if (e) edges.add(foldKey(e.source, e.type, e.target));
    }
  });
  return { nodes, edges };
}
