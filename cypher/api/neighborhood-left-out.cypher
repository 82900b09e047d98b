// What the node cap left out: claims from the frontier to neighbours not
// shown, per relationship type, with amounts summed per currency.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $included
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
  AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  AND ($kinds IS NULL OR b.kind IN $kinds)
RETURN type(r) AS type, r.currency AS currency, count(r) AS claims, collect(DISTINCT b.id)[0..100000] AS nodes, sum(r.amount) AS total
