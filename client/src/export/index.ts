/**
 * What an export covers, as the API's selection: the entities drawn now
 * (the view), or the selected entity with its drawn neighbours (or the two
 * ends of a selected edge).
 */
import type { SchemaInfo, Selection } from '../api/types.ts';
import type { Visibility } from '../filters/types.ts';
import type { ViewGraph } from '../graph/index.ts';
import { edgeLook } from '../canvas/edge-style.ts';
import { selectedEntities } from '../selection/index.ts';
import type { Selection as CanvasSelection } from '../state/types.ts';
import type { LegendEntries } from './png.ts';
import type { ExportScope, ExportView } from './types.ts';

export type { ExportScope, ExportView, FormatInfo, PngScale } from './types.ts';
export { FORMATS, PNG_SCALES } from './types.ts';
export { fileStem } from './file-name.ts';

/**
 * The node ids an export of `scope` covers, or undefined when there is
 * nothing to export. The selection: several selected items are exported as
 * they are (entities, and both ends of edges); one entity comes with its
 * drawn neighbours, one edge with its two ends.
 */
export function scopeIds(scope: ExportScope, graph: ViewGraph, visible: Set<string>, sel: CanvasSelection): string[] | undefined {
  if (scope === 'view') return visible.size ? [...visible] : undefined;
  if (sel.nodes.size + sel.edges.size > 1) {
    const ids = selectedEntities(sel, (e) => (graph.hasEdge(e) ? [graph.source(e), graph.target(e)] : null));
    return ids.length ? ids : undefined;
  }
  const selected = sel.focus;
  if (!selected) return undefined;
  if (selected.type === 'edge') return graph.hasEdge(selected.id) ? [graph.source(selected.id), graph.target(selected.id)] : undefined;
  if (!graph.hasNode(selected.id)) return [selected.id];
  return [selected.id, ...graph.neighbors(selected.id).filter((n) => visible.has(n))];
}

/** Coordinates sent with an export: to a hundredth (the file stays small; Gephi cannot tell). */
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * The picture as drawn, for the export's `view` field: each entity's place
 * (graph coordinates, y up, as sigma and Gephi have them), its colour and
 * its drawn size; each claim drawn among them, its edge's colour and width
 * (by its strongest status and number of sources, as the canvas draws it).
 * Entities not on the canvas are left out (the file has them without a place).
 */
export function viewFor(ids: readonly string[], graph: ViewGraph, sizes: ReadonlyMap<string, number>, vis: Visibility): ExportView {
  const nodes: ExportView['nodes'] = {};
  for (const id of ids) {
    if (!graph.hasNode(id)) continue;
    const a = graph.getNodeAttributes(id);
    nodes[id] = { x: round(a.x), y: round(a.y), size: round(sizes.get(id) ?? a.size), color: a.color };
  }
  const edges: NonNullable<ExportView['edges']> = {};
  for (const [edge, claims] of vis.edges) {
    if (!nodes[graph.source(edge)] || !nodes[graph.target(edge)]) continue;
    const look = edgeLook(graph.getEdgeAttribute(edge, 'type'), claims, false);
    for (const c of claims) edges[c.id] = { size: round(look.size), color: look.color };
  }
  return { nodes, edges };
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
