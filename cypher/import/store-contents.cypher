// Bulk import: what the database holds that a new store would replace (the
// bulk strategy loads only into an empty database). Both counts come from
// Neo4j's count store, so this is cheap at any size.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
