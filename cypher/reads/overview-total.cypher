MATCH (n:Entity)
WHERE ($includeSources OR NOT n:Source)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($dataset IS NULL OR $dataset IN n.datasets)
RETURN count(n) AS count
