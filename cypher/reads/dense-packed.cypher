// The edge cap's part of the dense index for the nodes $ids, when it is
// fresh (see dense-fresh): for each member that is dense, its place among the
// dense entities and its claims to dense entities, packed
// (server/import/derived/dense.ts outProps).
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL MATCH (s:DenseState {key: 'state'})
WITH coalesce(s.valid = true AND s.entities = entities AND s.relationships = relationships, false) AS fresh
CALL (fresh) {
  UNWIND CASE WHEN fresh THEN $ids ELSE [] END AS id
  MATCH (x:DenseIndex {id: id})
  RETURN collect({id: id, idx: x.idx, packed: x.outPacked}) AS dense
}
RETURN fresh, dense
