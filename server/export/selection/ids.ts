/**
 * Selections given by node ids: `ids` (expanded `depth` hops in either
 * direction, the induced subgraph) and `neighborhood` (the nodes and the
 * claims neighborhood() chose). The selected ids are kept; nodes are re-read
 * in batches by id, edges in keyset pages.
 */
import type { Selection } from '../../kernel/contract.ts';
import type { Deps } from '../../kernel/deps.ts';
import { apiError } from '../../kernel/errors.ts';
import { claimFromRecord, edgeFromRecord, type ExportEdge, type Subgraph } from '../subgraph.ts';
import { chunks, CLAIM_BATCH, EDGE_PAGE, existingIds, ID_BATCH, memo, nodesById, read, SOURCE_ID_FETCH, sortedUnique, streamed } from './read.ts';

export function idSubgraph(deps: Deps, selection: Selection, slug: string, nodeIds: Set<string>, edgeIds: Set<string> | undefined, truncated: boolean): Subgraph {
  const sorted = sortedUnique(nodeIds);
  const edgeList = edgeIds ? [...edgeIds] : null;
  async function* edges(): AsyncGenerator<ExportEdge[]> {
    // Keyset pages of at most EDGE_PAGE claims over slices of ID_BATCH start
    // nodes: memory is bounded by a page however dense a node is, and no
    // transaction stays open while the sink waits for a slow client.
    let pos = 0;
    let after = '';
    let afterRel = '';
    while (pos < sorted.length) {
      const ids = sorted.slice(pos, pos + ID_BATCH);
      const recs = await read(deps, 'edges-among', { ids, selected: sorted, edgeIds: edgeList, after, afterRel, limit: EDGE_PAGE });
      if (recs.length) yield recs.map(edgeFromRecord);
      if (recs.length < EDGE_PAGE) {
        pos += ids.length;
        after = '';
        afterRel = '';
      } else {
        const last = recs[recs.length - 1]!;
        after = last.get('source') as string;
        afterRel = last.get('rid') as string;
        pos += ids.indexOf(after); // the next slice starts at the node the page ended in
      }
    }
  }
  // The source ids alone (at most one per source in the database), read by the database, not from the edges.
  const sourceIds = memo(async () => {
    const ids: string[] = [];
    for await (const batch of streamed(deps, 'source-ids-among', { selected: sorted, edgeIds: edgeList }, (r) => r.get('id') as string, SOURCE_ID_FETCH)) {
      ids.push(...batch);
    }
    return sortedUnique(ids);
  });
  return {
    selection,
    slug,
    truncated,
    async *nodes(opts) {
      yield* nodesById(deps, sorted);
      if (opts?.withSources) yield* nodesById(deps, (await sourceIds()).filter((id) => !nodeIds.has(id)));
    },
    edges,
    async *sources() {
      yield* nodesById(deps, await sourceIds());
    },
    async *citedClaims(rank) {
      yield* streamed(
        deps,
        'cited-claims-ids',
        { ids: sorted, edgeIds: edgeList, rank: Object.fromEntries(rank), unranked: rank.size },
        claimFromRecord,
        CLAIM_BATCH,
      );
    },
  };
}

/**
 * The ids of an `ids` selection that exist, expanded `depth` hops in either
 * direction. Throws NOT_FOUND when none exists.
 */
export async function expandIds(deps: Deps, ids: string[], depth: number): Promise<Set<string>> {
  const found = await existingIds(deps, ids);
  if (found.length === 0) {
    const shown = ids.slice(0, 5).map((id) => `"${id}"`).join(', ');
    throw apiError('NOT_FOUND', `none of the ids exist: ${shown}${ids.length > 5 ? ', ...' : ''}`);
  }
  const selected = new Set(found);
  let frontier = found;
  for (let hop = 0; hop < depth && frontier.length; hop++) {
    const next: string[] = [];
    for (const batch of chunks(frontier, ID_BATCH)) {
      for (const rec of await read(deps, 'neighbor-ids', { ids: batch })) {
        const id = rec.get('id') as string;
        if (!selected.has(id)) {
          selected.add(id);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  return selected;
}
