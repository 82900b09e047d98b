// Chunked import: which ids of a batch are in the database already (read
// only, by the unique-id index). Those rows go through create-entities.cypher
// (create, skip or defer); the others through new-entities.cypher.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect(id) AS present
