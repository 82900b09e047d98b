/**
 * Resolves an export `Selection` into a `Subgraph`: nodes and edges read from
 * Neo4j in batches, plus the `:Source` nodes behind the edges ("sources travel
 * with the export").
 *
 * How each selection is read, and what it keeps in memory:
 * - `all`: keyset pagination on the unique id index, nodes by id and edges by
 *   (start id, claim id). Nothing is kept between batches but the page keys
 *   and the ids of the sources behind the claims.
 * - `ids` (with `depth`): the ids are checked (404 when none exists) and
 *   expanded `depth` hops in either direction; the selection is every node
 *   reached and every relationship between two of them (the induced
 *   subgraph). The set of selected ids (strings) is kept; nodes are re-read
 *   in batches by id, edges in keyset pages of at most EDGE_PAGE claims over
 *   slices of the sorted ids, the database keeping only claims whose target
 *   is selected (a dense node's other claims never reach the server), and
 *   the source ids behind them by one query that returns each id once.
 * - `neighborhood`: `neighborhood()` decides which nodes and claims belong
 *   (depth, filters, limit); their ids are kept and the data re-read in
 *   batches by id, like `ids`, but only the claims it returned.
 * - `cypher`: the read-only query runs through `streamSafeQuery` (row cap and
 *   timeout from the config); every node, relationship and path anywhere in
 *   its rows is kept (bounded by the row cap), with the missing endpoints of
 *   relationships fetched afterwards.
 *
 * Every pass (`nodes()`, `edges()`, ...) reads afresh, so writers that need a
 * header of every attribute (GEXF, GraphML, CSV) scan once, then write.
 */
import type { Selection } from '../kernel/contract.ts';
import type { Deps } from '../kernel/deps.ts';
import { neighborhood } from '../reads/neighborhood.ts';
import { allSubgraph } from './selection/all.ts';
import { cypherSubgraph } from './selection/cypher.ts';
import { expandIds, idSubgraph } from './selection/ids.ts';
import type { Subgraph } from './subgraph.ts';

export type { CitedClaim, ExportEdge, ExportNode, Subgraph } from './subgraph.ts';

// ---- slugs ------------------------------------------------------------------

function slugPart(s: string): string {
  return s.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60) || 'node';
}

export function selectionSlug(sel: Selection): string {
  switch (sel.type) {
    case 'all':
      return 'all';
    case 'cypher':
      return 'query';
    case 'neighborhood':
      return `${slugPart(sel.id)}-neighborhood-depth${sel.depth}`;
    case 'ids': {
      const first = sel.ids[0] ?? 'selection';
      const more = sel.ids.length > 1 ? `-and-${sel.ids.length - 1}-more` : '';
      return `${slugPart(first)}${more}${sel.depth > 0 ? `-depth${sel.depth}` : ''}`;
    }
  }
}

/**
 * Resolves a selection. Throws ApiError NOT_FOUND when an `ids` selection
 * names no existing node or a neighborhood's center does not exist (thrown by
 * `neighborhood()`), and the safe-query errors (403/400/408) for a `cypher`
 * selection: all before any byte of the export is written.
 */
export async function resolveSelection(deps: Deps, selection: Selection): Promise<Subgraph> {
  const slug = selectionSlug(selection);
  switch (selection.type) {
    case 'all':
      return allSubgraph(deps, selection, slug);
    case 'cypher':
      return cypherSubgraph(deps, selection, slug);
    case 'ids':
      return idSubgraph(deps, selection, slug, await expandIds(deps, selection.ids, selection.depth), undefined, false);
    case 'neighborhood': {
      const result = await neighborhood(deps, selection.id, {
        depth: selection.depth,
        types: selection.types,
        kinds: selection.kinds,
        status: selection.status,
        from: selection.from,
        to: selection.to,
        limit: selection.limit,
      });
      const nodeIds = new Set(result.nodes.map((n) => n.id));
      nodeIds.add(result.center);
      const edgeIds = new Set(result.edges.map((e) => e.id));
      return idSubgraph(deps, selection, slug, nodeIds, edgeIds, result.truncated);
    }
  }
}
