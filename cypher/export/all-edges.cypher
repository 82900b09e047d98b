// One page of every relationship between two :Entity nodes, in
// (start id, claim id) order: keyset pagination that walks the id index of the
// start nodes, so a page reads only the nodes it returns (the hint keeps the
// planner from scanning every relationship instead on large graphs).
MATCH (a:Entity)
USING INDEX a:Entity(id)
WHERE a.id >= $after
MATCH (a)-[r]->(b:Entity)
WHERE b.id IS NOT NULL
WITH a, r, b, coalesce(r.id, 'element:' + elementId(r)) AS rid
WHERE a.id > $after OR rid > $afterRel
RETURN a.id AS source, a.kind AS sourceKind, b.id AS target, b.kind AS targetKind, r, rid
ORDER BY a.id, rid
LIMIT $limit
