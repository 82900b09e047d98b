// Claims among the given entities, passing the filters.
UNWIND $ids AS aid
MATCH (a:Entity {id: aid})-[r]->(b:Entity)
WHERE b.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($dataset IS NULL OR $dataset IN r.datasets)
RETURN r, a.id AS source, b.id AS target
LIMIT $edgeLimit
