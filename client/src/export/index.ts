/**
 * What an export covers, as the API's selection: the entities drawn now
 * (the view), or the selected entity with its drawn neighbours (or the two
 * ends of a selected edge).
 */
import type { Selection } from '../api/types.ts';
import type { Selected } from '../canvas/types.ts';
import type { ViewGraph } from '../graph/index.ts';
import type { ExportScope } from './types.ts';

export type { ExportScope, FormatInfo } from './types.ts';
export { FORMATS } from './types.ts';
export { fileStem } from './file-name.ts';

/** The node ids an export of `scope` covers, or undefined when there is nothing to export. */
export function scopeIds(scope: ExportScope, graph: ViewGraph, visible: Set<string>, selected: Selected): string[] | undefined {
  if (scope === 'view') return visible.size ? [...visible] : undefined;
  if (!selected) return undefined;
  if (selected.type === 'edge') return graph.hasEdge(selected.id) ? [graph.source(selected.id), graph.target(selected.id)] : undefined;
  if (!graph.hasNode(selected.id)) return [selected.id];
  return [selected.id, ...graph.neighbors(selected.id).filter((n) => visible.has(n))];
}

export function selectionFor(ids: string[]): Selection {
  return { type: 'ids', ids, depth: 0 };
}
