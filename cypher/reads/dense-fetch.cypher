// The nodes with the given ids and the claims with the given element ids, in
// that order (the edge cap's answer from the dense index).
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
CALL () {
  UNWIND $rels AS eid
  MATCH ()-[r]->() WHERE elementId(r) = eid
  RETURN collect(r) AS rels
}
RETURN nodes, rels
