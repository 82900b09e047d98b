// Edge cap, step 1: rank the claims among the given nodes. One claim per
// connected pair and type stands for the pair (its strongest, then lowest
// id); the pairs are ranked by that claim (strongest, then id). When there
// are at least $edgeLimit pairs, the first $edgeLimit claims come back here
// (`rels`, fetched by element id: no second expansion); otherwise their ids
// (`bests`) go to subgraph-fetch, which adds the strongest other claims.
// With the claims per type (`totals`: for the summary of what the cap leaves
// out) and, per type, the claims counted once per end in $expanded (`inner`;
// every end when $expanded is null): the neighbourhood subtracts them from
// the degree counts of the expanded frontiers.
// Strength: documented > reported > assessment > alleged > disputed
// (server/model/statuses.ts), as one sortable key per claim: its rank as a
// digit (0 = documented) then its id, with the element id alongside.
// One pass over the claims of the nodes; nothing but ids and counts leaves
// Neo4j unless kept (the hub of the 1M-claim graph: 114,351 claims, 26,812
// pairs among its 150 kept nodes). The ids go back as a parameter of
// subgraph-fetch: a list built in the query and used with IN there is
// scanned per row (out of transaction memory at 30,000 ids).
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
     min([CASE r.status WHEN 'documented' THEN '0' WHEN 'reported' THEN '1' WHEN 'assessment' THEN '2' WHEN 'alleged' THEN '3' WHEN 'disputed' THEN '4' ELSE '5' END + r.id, elementId(r)]) AS key
WITH type, claims, key,
     CASE WHEN $expanded IS NULL THEN CASE WHEN a = b THEN 1 ELSE 2 END
          WHEN a = b THEN CASE WHEN a.id IN $expanded THEN 1 ELSE 0 END
          ELSE CASE WHEN a.id IN $expanded THEN 1 ELSE 0 END + CASE WHEN b.id IN $expanded THEN 1 ELSE 0 END
     END AS ends
ORDER BY key
WITH collect(key) AS keys, collect({type: type, claims: claims, ends: ends}) AS groups
CALL (groups) {
  UNWIND groups AS g
  WITH g.type AS type, sum(g.claims) AS claims, sum(g.claims * g.ends) AS inner
  RETURN collect({type: type, claims: claims, inner: inner}) AS totals
}
CALL (keys) {
  UNWIND CASE WHEN size(keys) >= $edgeLimit THEN keys[0..$edgeLimit] ELSE [] END AS k
  MATCH ()-[r]->() WHERE elementId(r) = k[1]
  RETURN collect(r) AS rels
}
RETURN totals, size(keys) >= $edgeLimit AS complete, rels, [k IN keys[0..$edgeLimit] | substring(k[0], 1)] AS bests
