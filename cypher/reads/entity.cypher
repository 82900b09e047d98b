// One entity with the claims touching it (capped), each with its source.
// A node with at most $denseFrom claims gets them here, ordered and capped;
// a denser one gets none here but its claim count per type (`degrees`: one
// COUNT per relationship type of the vocabulary, read from the node's degree
// store, not by expanding), and server/reads/entity.ts reads its first
// claims per type with reads/entity-dense.
MATCH (n:Entity {id: $id})
WITH n, COUNT { (n)-[]-() } AS claimCount
CALL (n, claimCount) {
  WITH n WHERE claimCount <= $denseFrom
  MATCH (n)-[r]-(m)
  WITH r, m ORDER BY type(r), r.dateMin, r.id
  LIMIT $claimLimit
  // Through the :Entity(id) index: :Source(id) has none (measured: hub 10.2 s -> 0.68 s).
  OPTIONAL MATCH (s:Entity {id: r.sourceId}) WHERE s:Source
  RETURN collect({r: r, other: m, source: s, out: startNode(r) = n}) AS claims
}
RETURN n, claims, claimCount, CASE WHEN claimCount > $denseFrom THEN __DEGREES__ END AS degrees
