/** The `all` selection: every entity and claim, read in keyset pages on the unique id index. */
import type { Node } from 'neo4j-driver';
import type { Selection } from '../../kernel/contract.ts';
import type { Deps } from '../../kernel/deps.ts';
import { claimFromRecord, edgeFromRecord, toExportNode, type Subgraph } from '../subgraph.ts';
import { CLAIM_BATCH, EDGE_PAGE, memo, NODE_PAGE, nodesById, read, sortedUnique, streamed } from './read.ts';

export function allSubgraph(deps: Deps, selection: Selection, slug: string): Subgraph {
  const sourceIds = memo(async () => sortedUnique((await read(deps, 'all-source-ids', {})).map((r) => r.get('id') as string)));
  return {
    selection,
    slug,
    truncated: false,
    // Every :Entity is selected, so the sources behind the edges are among them.
    async *nodes() {
      let after = '';
      for (;;) {
        const recs = await read(deps, 'all-nodes', { after, limit: NODE_PAGE });
        if (!recs.length) return;
        const nodes = recs.map((r) => toExportNode(r.get('n') as Node));
        yield nodes;
        if (recs.length < NODE_PAGE) return;
        after = nodes[nodes.length - 1]!.id;
      }
    },
    async *edges() {
      let after = '';
      let afterRel = '';
      for (;;) {
        const recs = await read(deps, 'all-edges', { after, afterRel, limit: EDGE_PAGE });
        if (!recs.length) return;
        yield recs.map(edgeFromRecord);
        if (recs.length < EDGE_PAGE) return;
        const last = recs[recs.length - 1]!;
        after = last.get('source') as string;
        afterRel = last.get('rid') as string;
      }
    },
    async *sources() {
      yield* nodesById(deps, await sourceIds());
    },
    async *citedClaims(rank) {
      yield* streamed(deps, 'cited-claims-all', { rank: Object.fromEntries(rank), unranked: rank.size }, claimFromRecord, CLAIM_BATCH);
    },
  };
}
