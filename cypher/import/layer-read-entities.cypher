// Shared records (server/import/write/layering.ts): the stored properties of
// the nodes with these ids, to add, replace or remove one dataset's layer.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, properties(n) AS props
