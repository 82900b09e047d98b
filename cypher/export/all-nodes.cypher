// One page of every :Entity, in id order (keyset pagination on the unique
// id index: no SKIP, so every page costs the same).
MATCH (n:Entity)
WHERE n.id > $after
RETURN n
ORDER BY n.id
LIMIT $limit
