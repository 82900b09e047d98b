// Every relationship leaving the given :Entity nodes towards another :Entity,
// in (start id, claim id) order. The caller keeps those whose target is in
// the selection.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IS NOT NULL
WITH a, r, b, coalesce(r.id, 'element:' + elementId(r)) AS rid
RETURN a.id AS source, a.kind AS sourceKind, b.id AS target, b.kind AS targetKind, r, rid
ORDER BY source, rid
