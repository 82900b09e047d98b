// Shared records: writes the properties composed from a claim's layers.
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:__TYPE__ {id: row.id}]->(:Entity {id: row.to})
SET r = row.props
RETURN count(r) AS written
