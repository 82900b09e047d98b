// Shared records: the stored properties of these claims of one type
// (__TYPE__, from the fixed vocabulary), found by id between their endpoints.
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:__TYPE__ {id: row.id}]->(:Entity {id: row.to})
RETURN row.id AS id, properties(r) AS props
