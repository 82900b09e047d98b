// Removing dataset $name: shared nodes that hold a layer of it (at most
// $limit at a time; each is rewritten without it, so the next call finds
// the rest).
MATCH (n:Entity)
WHERE $name IN n.datasets AND n._layers IS NOT NULL
RETURN n.id AS id, properties(n) AS props
LIMIT toInteger($limit)
