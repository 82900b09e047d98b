// The ids of every :Entity one hop (either direction) from the given ones.
UNWIND $ids AS id
MATCH (:Entity {id: id})--(m:Entity)
WHERE m.id IS NOT NULL
RETURN DISTINCT m.id AS id
