/** What a layout run gets from the state: the drawn nodes (fixed or movable) and the drawn edges between them, weighted by claims. */
import type { Visibility } from '../filters/types.ts';
import type { GraphStore } from '../graph/index.ts';
import type { LayoutNode } from './types.ts';

export type LayoutMode = 'full' | 'incremental';

/**
 * Full: every drawn node that is not pinned moves. Incremental: only drawn
 * nodes never laid out move. Null when nothing would move.
 */
export function layoutInput(
  store: GraphStore,
  visibility: Visibility,
  sizes: ReadonlyMap<string, number>,
  mode: LayoutMode,
): { nodes: LayoutNode[]; edges: [number, number, number][] } | null {
  const ids = [...visibility.nodes];
  const movable = (id: string) => {
    const a = store.node(id);
    return !!a && !a.pinned && (mode === 'full' || !a.laidOut);
  };
  if (!ids.some(movable)) return null;
  const g = store.graph;
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const nodes = ids.map((id) => {
    const a = g.getNodeAttributes(id);
    return { id, x: a.x, y: a.y, size: sizes.get(id) ?? a.size, fixed: !movable(id) };
  });
  const edges: [number, number, number][] = [];
  for (const [key, claims] of visibility.edges) {
    const s = index.get(g.source(key));
    const t = index.get(g.target(key));
    if (s !== undefined && t !== undefined) edges.push([s, t, claims.length]);
  }
  return { nodes, edges };
}
