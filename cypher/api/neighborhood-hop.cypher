// One hop of a neighbourhood: the neighbours of the frontier reached through
// claims passing the filters, strongest ties (most claims) first. Only the
// top $keep ids come back (the caller's room plus one, to know whether the
// cap cut): the ranking stays in Neo4j, not ~70,000 ids of a hub in Node.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $seen
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
  AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  AND ($kinds IS NULL OR b.kind IN $kinds)
WITH b, count(r) AS ties
ORDER BY ties DESC, b.id
LIMIT $keep
RETURN collect(b.id) AS ids
