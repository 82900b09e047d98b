// Which of the given ids are :Entity nodes.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
