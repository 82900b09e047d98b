// Bulk import: what the database holds that a new store would replace (the
// bulk strategy loads only into an empty database). Both counts come from
// Neo4j's count store, so this is cheap at any size.
// The dense index's state node (derived, refreshed after every import and
// removal) does not count: an emptied database keeps it.
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (s:DenseState) RETURN count(s) AS derived }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all - derived AS nodes, relationships
