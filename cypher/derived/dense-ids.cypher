// The dense entities: at least $degree claims (any type, any direction;
// getDegree, nothing expanded), with the counts the reads check the index
// against (entities and relationships, from the count store; as derived/counts).
CALL () {
  MATCH (n:Entity) WHERE COUNT { (n)--() } >= $degree
  RETURN collect(n.id) AS dense
}
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN dense, entities, relationships
