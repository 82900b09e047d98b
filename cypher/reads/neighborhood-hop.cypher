// One hop of a neighbourhood, in one pass over the frontier's claims: the
// neighbours reached through claims passing the filters, strongest ties
// (most claims) first. Only the top $keep ids come back (the caller's room
// plus one, to know whether the cap cut): the ranking stays in Neo4j, not
// ~40,000 ids of a hub in Node. The neighbours past the first $room are
// summarized from the same pass (`rest`, per relationship type: claims,
// distinct nodes and, for money ($money types), amounts summed per
// currency), so a cutting hop needs no second expansion for its left-out
// summary; when the hop cuts, the answer is full, so that summary is final.
// The claims are kept per neighbour as relationships (no property read);
// only the money ones left out have currency and amount read.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $seen
  AND ($types IS NULL OR type(r) IN $types)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($from IS NULL OR (r.dateMax IS NOT NULL AND r.dateMax >= $from))
  AND ($to IS NULL OR (r.dateMin IS NOT NULL AND r.dateMin <= $to))
  AND ($kinds IS NULL OR b.kind IN $kinds)
WITH b, count(r) AS ties, collect(r) AS rs
ORDER BY ties DESC, b.id
WITH collect({id: b.id, rs: rs}) AS ranked
CALL (ranked) {
  UNWIND ranked[$room..] AS x
  UNWIND x.rs AS r
  WITH x.id AS id, type(r) AS type, count(*) AS claims
  WITH type, count(*) AS nodes, sum(claims) AS claims
  RETURN collect({type: type, claims: claims, nodes: nodes}) AS counts
}
CALL (ranked) {
  UNWIND ranked[$room..] AS x
  UNWIND x.rs AS r
  WITH r, type(r) AS type
  WHERE type IN $money
  WITH type, r.currency AS currency, sum(r.amount) AS total
  WHERE currency IS NOT NULL AND total > 0
  RETURN collect({type: type, currency: currency, total: total}) AS money
}
RETURN [x IN ranked[0..$keep] | x.id] AS ids,
       [c IN counts | c {.*, amounts: [m IN money WHERE m.type = c.type | m {.currency, .total}]}] AS rest
