// The best-connected entities, for the opening view.
MATCH (n:Entity)
WHERE ($includeSources OR NOT n:Source)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($dataset IS NULL OR $dataset IN n.datasets)
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n
