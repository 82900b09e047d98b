// Chunked import: creates a batch of nodes of one kind that present-ids.cypher
// found absent, a pure CREATE (no read of the nodes it writes, so no Eager
// in the plan, and only `props` on the wire). The uniqueness constraint
// still fails the chunk if another writer created one of the ids meanwhile.
// `_importRun` tags them on a re-import ($run null otherwise, see undo-run.cypher).
// __LABEL__ is filled from the fixed kind list.
UNWIND $rows AS row
CREATE (m:Entity:__LABEL__)
SET m = row.props, m._importRun = $run
