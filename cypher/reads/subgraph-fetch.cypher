// Edge cap, step 2: the nodes with the given ids, the claims ranked first by
// subgraph-rank ($bests, one per pair and type), and, when room is left
// ($room > 0), the strongest other claims among the nodes passing the filters.
// $bests is a parameter, so `IN` is a hash lookup (a list built inside the
// query was scanned per row: x2-3 slower at 2,000 ids, out of memory at 30,000).
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes AND r.id IN $bests
  RETURN collect(r) AS firsts
}
CALL (nodes) {
  WITH nodes WHERE $room > 0
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes
    AND NOT r.id IN $bests
    AND ($types IS NULL OR type(r) IN $types)
    AND ($statuses IS NULL OR r.status IN $statuses)
    AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
    AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  WITH r, CASE r.status WHEN 'documented' THEN 5 WHEN 'reported' THEN 4 WHEN 'assessment' THEN 3 WHEN 'alleged' THEN 2 WHEN 'disputed' THEN 1 ELSE 0 END AS strength
  ORDER BY strength DESC, r.id
  LIMIT $room
  RETURN collect(r) AS others
}
RETURN nodes, firsts + others AS rels
