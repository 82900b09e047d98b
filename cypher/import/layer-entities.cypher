// Shared records: writes the properties composed from a node's layers
// (effective values, `datasets`, `_layers`) and the effective kind's label.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n = row.props
REMOVE n:Person:Organization:Event:Place:Concept:Source
SET n:$(row.label)
RETURN count(n) AS written
