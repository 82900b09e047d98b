// The ids of the sources behind the claims between selected :Entity nodes
// ($selected; only the claims in $edgeIds when it is not null), each once.
UNWIND $selected AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $selected AND r.sourceId IS NOT NULL
  AND ($edgeIds IS NULL OR coalesce(r.id, 'element:' + elementId(r)) IN $edgeIds)
RETURN DISTINCT r.sourceId AS id
