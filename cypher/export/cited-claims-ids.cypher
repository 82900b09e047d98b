// As cited-claims-all, for the claims between the given nodes ($ids), and
// only those in $edgeIds when it is not null.
UNWIND $ids AS startId
MATCH (a:Entity {id: startId})-[r]->(b:Entity)
WHERE b.id IN $ids
WITH a, r, b, coalesce(r.id, 'element:' + elementId(r)) AS rid
WHERE $edgeIds IS NULL OR rid IN $edgeIds
WITH a, r, b, rid, CASE WHEN r.sourceId IS NULL THEN $unranked ELSE coalesce($rank[r.sourceId], $unranked) END AS rank
RETURN rid AS id, type(r) AS type, r.status AS status, r.quote AS quote,
       r.sourceId AS sourceId, a.id AS source, b.id AS target,
       r.paraphrase AS paraphrase, r.anchor AS anchor, r.verification AS verification, r.verificationScore AS verificationScore,
       coalesce(a.name, a.title, a.id) AS sourceName, coalesce(b.name, b.title, b.id) AS targetName
ORDER BY rank, sourceId, type, sourceName, targetName, id
