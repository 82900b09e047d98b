// One page of the relationships between selected :Entity nodes, in
// (start id, claim id) order: those leaving the start nodes $ids (a slice of
// the sorted selection) towards any selected node ($selected), after the
// page that ended at ($after, $afterRel); only the claims in $edgeIds when it
// is not null. The database drops the claims that leave the selection, so a
// dense node's other claims never reach the server, and LIMIT bounds a page
// however many claims one node has.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $selected
WITH a, r, b, coalesce(r.id, 'element:' + elementId(r)) AS rid
WHERE (a.id > $after OR rid > $afterRel) AND ($edgeIds IS NULL OR rid IN $edgeIds)
RETURN a.id AS source, a.kind AS sourceKind, b.id AS target, b.kind AS targetKind, r, rid
ORDER BY source, rid
LIMIT $limit
