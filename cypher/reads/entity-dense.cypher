// The first $claimLimit claims of a dense entity in the order of reads/entity
// (type, dateMin, id), without ordering all of them. The branches of the CALL are filled by
// server/reads/entity.ts from the per-type counts of reads/entity: the types
// that fit whole, read without sorting (`MATCH (n)-[r:T1|T2]-(m) RETURN r, m`),
// and the next type, of which only the first $partialLimit claims by date and
// id are kept (`... WITH r, m ORDER BY r.dateMin, r.id LIMIT $partialLimit
// RETURN r, m`): only that type's claims are sorted, not all of the node's.
MATCH (n:Entity {id: $id})
CALL (n) {
  __BRANCHES__
}
WITH n, r, m ORDER BY type(r), r.dateMin, r.id
OPTIONAL MATCH (s:Entity {id: r.sourceId}) WHERE s:Source
RETURN collect({r: r, other: m, source: s, out: startNode(r) = n}) AS claims
