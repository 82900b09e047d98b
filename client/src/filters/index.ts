/**
 * Filters as pure functions of (canvas graph, filter state): which nodes and
 * claims are drawn, and the counts the legend shows for what is hidden.
 * A node whose every claim on the canvas is hidden (filtered out, or leading
 * to hidden entities such as sources) is hidden too ("isolated"), so hiding
 * a status or a kind leaves no orphaned dots.
 */
import type { GraphEdge } from '../api/types.ts';
import type { GraphStore } from '../graph/index.ts';
import { foldKey } from '../graph/fold.ts';
import { claimYears } from '../graph/dates.ts';
import type { Filters, HiddenReason, Visibility } from './types.ts';
import { claimPasses, datasetHidden, datasetsOf } from './predicates.ts';

export type { Filters, Visibility, HiddenReason } from './types.ts';
export { DEFAULT_FILTERS } from './types.ts';
export { weakerThan, filtersActive, toggle, dateActive, datasetsOf, claimPasses } from './predicates.ts';
export { expandParams } from './params.ts';

/** Counts one item (shown or not), or `shown` of `total` items. */
function bump(m: Map<string, { total: number; shown: number }>, k: string, shown: boolean | number, total = 1): void {
  let e = m.get(k);
  if (!e) m.set(k, (e = { total: 0, shown: 0 }));
  e.total += total;
  e.shown += typeof shown === 'number' ? shown : shown ? 1 : 0;
}

export function computeVisibility(store: GraphStore, f: Filters, statusOrder: readonly string[]): Visibility {
  const g = store.graph;
  const rank = (s: string | null) => {
    const i = statusOrder.indexOf(s ?? '');
    return i < 0 ? statusOrder.length : i;
  };
  const hiddenNodes = new Map<string, HiddenReason>();
  const nodePass = new Set<string>();
  const counts: Visibility['counts'] = { kinds: new Map(), types: new Map(), statuses: new Map(), datasets: new Map(), claimsTotal: 0, claimsShown: 0, claimsFiltered: 0, claimsDated: 0 };

  g.forEachNode((id, a) => {
    if (a.hidden) hiddenNodes.set(id, 'user');
    else if (f.hiddenKinds.includes(a.kind)) hiddenNodes.set(id, 'kind');
    else if (datasetHidden(a.entity.properties, f)) hiddenNodes.set(id, 'dataset');
    else nodePass.add(id);
  });

  const edges = new Map<string, GraphEdge[]>();
  const histogram = new Map<number, number>();
  // Ends of edges none of whose claims are drawn: isolated unless another edge connects them.
  const untied: string[] = [];
  const connected = new Set<string>();
  g.forEachEdge((key, a, s, t) => {
    const endsPass = nodePass.has(s) && nodePass.has(t);
    const pass: GraphEdge[] = [];
    let total = 0;
    for (const id of a.claims) {
      const c = store.claims.get(id);
      if (!c) continue;
      total++;
      const shown = endsPass && claimPasses(c, f);
      if (shown) pass.push(c);
      counts.claimsTotal++;
      if (shown) counts.claimsShown++;
      else if (endsPass) counts.claimsFiltered++;
      bump(counts.statuses, c.status ?? 'unknown', shown);
      const y = claimYears(c);
      if (y) counts.claimsDated++;
      if (endsPass && y) histogram.set(y.from, (histogram.get(y.from) ?? 0) + 1);
    }
    // The claims of a drawn edge share its type: counted once per edge.
    if (total) bump(counts.types, a.type, pass.length, total);
    if (pass.length) {
      if (pass.length > 1) pass.sort((x, y) => rank(x.status) - rank(y.status));
      edges.set(key, pass);
      connected.add(s).add(t);
    } else untied.push(s, t);
  });

  const nodes = new Set<string>();
  const isolated = new Set(untied.filter((id) => !connected.has(id)));
  for (const id of nodePass) {
    if (isolated.has(id)) hiddenNodes.set(id, 'isolated');
    else nodes.add(id);
  }
  g.forEachNode((id, a) => {
    bump(counts.kinds, a.kind, nodes.has(id));
    for (const d of datasetsOf(a.entity.properties)) bump(counts.datasets, d, nodes.has(id));
  });
  return { nodes, edges, hiddenNodes, counts, histogram };
}

/** Whether a claim on the canvas is drawn under the filters (claims not on the canvas count as drawn: nothing hides them). */
export function claimDrawn(store: GraphStore, v: Visibility, claimId: string): boolean {
  const c = store.claims.get(claimId);
  if (!c) return true;
  return v.edges.get(foldKey(c.source, c.type, c.target))?.some((x) => x.id === claimId) ?? false;
}
