/**
 * The evidence panel's data: what to show for a node (its detail, grouped
 * claims), an edge (the claims folded into it, with their sources) or a set
 * of paths. Pure: building the DOM is panel/view.ts.
 */
import type { Claim, EntityDetail } from '../api/types.ts';
import type { GraphStore } from '../graph/index.ts';
import type { NodeState, PanelContent } from './types.ts';

export type { PanelContent, PanelActions, NodeState } from './types.ts';
export { propertyRows, aliasesOf, claimFacts, citationParts, sortClaims, claimWhen } from './format.ts';

/** The claims of a drawn edge, picked out of its subject's detail. */
export function claimsOfEdge(detail: EntityDetail, claimIds: readonly string[]): Claim[] {
  const want = new Set(claimIds);
  return detail.claims.flatMap((g) => g.claims).filter((c) => want.has(c.id));
}

/** Total claims in a detail (the API caps the list; `claimCount` is the real number). */
export function listedClaims(detail: EntityDetail): number {
  return detail.claims.reduce((n, g) => n + g.claims.length, 0);
}

/** Where an entity stands on the canvas, for the panel's buttons. */
export function nodeState(store: GraphStore, id: string): NodeState {
  const a = store.node(id);
  return { onCanvas: !!a, pinned: !!a?.pinned, hidden: !!a?.hidden, expanded: store.expanded.has(id) };
}

export function sameNodeState(a: NodeState, b: NodeState): boolean {
  return a.onCanvas === b.onCanvas && a.pinned === b.pinned && a.hidden === b.hidden && a.expanded === b.expanded;
}

/**
 * The panel of a drawn edge: every claim folded into it, those found in its
 * subject's detail with their sources, the rest (past the detail's cap)
 * from the canvas, without their source's details.
 */
export function edgeContent(store: GraphStore, edgeId: string, detail: EntityDetail, meaning: string | null): Extract<PanelContent, { type: 'edge' }> {
  const g = store.graph;
  const s = g.source(edgeId);
  const t = g.target(edgeId);
  const type = g.getEdgeAttribute(edgeId, 'type');
  const claims = store.edgeClaims(edgeId);
  const found = claimsOfEdge(detail, claims.map((c) => c.id));
  const foundIds = new Set(found.map((c) => c.id));
  const node = (id: string) => {
    const a = store.node(id);
    return { id, name: a?.label ?? id, kind: a?.kind ?? '' };
  };
  const rest: Claim[] = claims
    .filter((c) => !foundIds.has(c.id))
    .map((c) => ({ id: c.id, type: c.type, direction: 'out', from: node(s), to: node(t), status: c.status ?? '', quote: c.quote ?? '', source: null, properties: c.properties }));
  return { type: 'edge', edgeId, relType: type, meaning, from: node(s), to: node(t), claims: [...found, ...rest] };
}
