// Every claim with what a citation list needs, ordered by its source's place
// in the list ($rank: source id -> position), then type, names and id.
// Streamed: the database sorts, the server holds one batch at a time.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IS NOT NULL AND b.id IS NOT NULL
WITH a, r, b, CASE WHEN r.sourceId IS NULL THEN $unranked ELSE coalesce($rank[r.sourceId], $unranked) END AS rank
RETURN coalesce(r.id, 'element:' + elementId(r)) AS id, type(r) AS type, r.status AS status, r.quote AS quote,
       r.sourceId AS sourceId, a.id AS source, b.id AS target,
       r.paraphrase AS paraphrase, r.anchor AS anchor, r.verification AS verification, r.verificationScore AS verificationScore,
       coalesce(a.name, a.title, a.id) AS sourceName, coalesce(b.name, b.title, b.id) AS targetName
ORDER BY rank, sourceId, type, sourceName, targetName, id
