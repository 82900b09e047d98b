// The :Entity nodes with the given ids, in id order.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n
ORDER BY n.id
