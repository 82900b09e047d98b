// What the node cap left out: claims from the expanded frontiers to
// neighbours not in the answer, per relationship type, with the number of
// distinct nodes ($distinct; skipped when false: nodes is then 0) and, for
// money ($money types), the amounts summed per currency. Counted here, so
// only one row per type reaches Node.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $included
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
  AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  AND ($kinds IS NULL OR b.kind IN $kinds)
WITH type(r) AS type, CASE WHEN type(r) IN $money THEN r.currency END AS currency, count(r) AS claims,
     sum(CASE WHEN type(r) IN $money THEN r.amount END) AS total, collect(DISTINCT CASE WHEN $distinct THEN b END) AS bs
WITH type, sum(claims) AS claims,
     collect(CASE WHEN currency IS NULL OR total IS NULL OR total <= 0 THEN null ELSE {currency: currency, total: total} END) AS amounts,
     collect(bs) AS groups
CALL (groups) {
  UNWIND groups AS g
  UNWIND g AS b
  RETURN count(DISTINCT b) AS nodes
}
RETURN type, claims, nodes, amounts
ORDER BY claims DESC, type
