// The nodes with the given ids and every claim between them that passes the filters.
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes
    AND ($types IS NULL OR type(r) IN $types)
    AND ($statuses IS NULL OR r.status IN $statuses)
    AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
    AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  RETURN collect(r) AS rels
}
RETURN nodes, rels
