/**
 * What an export covers, as the API's selection: the entities drawn now
 * (the view), or the selected entity with its drawn neighbours (or the two
 * ends of a selected edge).
 */
import type { SchemaInfo, Selection } from '../api/types.ts';
import type { Visibility } from '../filters/types.ts';
import type { ViewGraph } from '../graph/index.ts';
import type { Selected } from '../state/types.ts';
import type { LegendEntries } from './png.ts';
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

/** The PNG's legend: the kinds and statuses drawn, titled by the selected entity or the dataset. */
export function legendFor(v: Visibility, schema: SchemaInfo | null, statusOrder: readonly string[], focus: string | undefined): LegendEntries {
  const kinds = [...v.counts.kinds.entries()]
    .filter(([, c]) => c.shown > 0)
    .map(([kind]) => ({ kind, label: schema?.kinds.find((k) => k.kind === kind)?.label ?? kind }));
  const statuses = statusOrder.filter((s) => (v.counts.statuses.get(s)?.shown ?? 0) > 0);
  return { kinds, statuses, title: focus ?? schema?.datasets[0]?.title ?? 'claimgraph', note: 'Arrows run from subject to object.\nThicker edges: more sources;\nlabels count them.' };
}
