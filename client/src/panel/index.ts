/**
 * The evidence panel's data: what to show for a node (its detail, grouped
 * claims), an edge (the claims folded into it, with their sources) or a set
 * of paths. Pure: building the DOM is panel/view.ts.
 */
import type { Claim, EntityDetail } from '../api/types.ts';

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
