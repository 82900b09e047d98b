// Removing dataset $name: shared claims that hold a layer of it (at most $limit at a time).
MATCH ()-[r]->()
WHERE $name IN r.datasets AND r._layers IS NOT NULL
RETURN elementId(r) AS eid, properties(r) AS props
LIMIT toInteger($limit)
