// Edge cap, step 1: rank the claims among the given nodes without returning
// them. One claim per connected pair and type stands for the pair (its
// strongest, then lowest id); the pairs are ranked by that claim (strongest,
// then id) and the ids of the first $edgeLimit come back, with the claims
// per type (for the summary of what the cap leaves out).
// Strength: documented > reported > assessment > alleged > disputed
// (server/model/statuses.ts), as one sortable key per claim: its rank as a
// digit (0 = documented), then its id.
// One pass over the claims of the nodes; nothing but ids and counts leaves
// Neo4j (the hub of the 1M-claim graph: 114,351 claims, 26,812 pairs among
// its 150 kept nodes). The ids go back as a parameter of subgraph-fetch:
// a list built in the query and used with IN there is scanned per row
// (out of transaction memory at 30,000 ids).
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
UNWIND nodes AS a
MATCH (a)-[r]->(b:Entity)
WHERE b IN nodes
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
  AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
WITH a, b, type(r) AS type, count(r) AS claims,
     min(CASE r.status WHEN 'documented' THEN '0' WHEN 'reported' THEN '1' WHEN 'assessment' THEN '2' WHEN 'alleged' THEN '3' WHEN 'disputed' THEN '4' ELSE '5' END + r.id) AS key
WITH type, claims, key ORDER BY key
WITH collect(key) AS keys, collect({type: type, claims: claims}) AS groups
CALL (groups) {
  UNWIND groups AS g
  WITH g.type AS type, sum(g.claims) AS claims
  RETURN collect({type: type, claims: claims}) AS totals
}
RETURN totals, [k IN keys[0..$edgeLimit] | substring(k, 1)] AS bests
