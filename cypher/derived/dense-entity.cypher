// What the neighbourhood reads of one dense entity ($id), in one pass per
// part (server/import/derived/dense.ts writes it to its :DenseIndex node):
// - `ranked`: its first $rankK neighbours by ties (claims with it, any type,
//   any direction), most first then by id, each with its claims per type and,
//   for money ($money types), its amounts per currency: what
//   reads/neighborhood-hop ranks and keeps on every request;
// - `neighbours`, `totals` and `money`: over every neighbour, the claims and
//   distinct neighbours per type, the amounts per type and currency (the hop's
//   left-out summary is these less what the kept neighbours hold);
// - `groups`: its claims to dense entities ($dense), one row per end and type
//   with the number of claims and the strongest (key: status rank digit then
//   claim id, as reads/subgraph-rank; and its element id), strongest first.
// Claims of the entity with itself count in `groups` only (a hop never keeps
// the entity it starts from).
MATCH (u:Entity {id: $id})
CALL (u) {
  MATCH (u)-[r]-(b:Entity)
  WHERE b <> u
  WITH b, type(r) AS type, CASE WHEN type(r) IN $money THEN r.currency END AS currency, count(r) AS claims,
       sum(CASE WHEN type(r) IN $money THEN r.amount END) AS total
  WITH b, type, sum(claims) AS claims, collect(CASE WHEN currency IS NOT NULL THEN {currency: currency, total: total} END) AS money
  WITH b, sum(claims) AS ties, collect({type: type, claims: claims, money: money}) AS byType
  ORDER BY ties DESC, b.id
  WITH collect({id: b.id, ties: ties, byType: byType}) AS everyOne
  CALL (everyOne) {
    UNWIND everyOne AS x
    UNWIND x.byType AS t
    WITH t.type AS type, sum(t.claims) AS claims, count(*) AS nodes
    ORDER BY type
    RETURN collect({type: type, claims: claims, nodes: nodes}) AS totals
  }
  CALL (everyOne) {
    UNWIND everyOne AS x
    UNWIND x.byType AS t
    UNWIND t.money AS m
    WITH t.type AS type, m.currency AS currency, sum(m.total) AS total
    ORDER BY type, currency
    RETURN collect({type: type, currency: currency, total: total}) AS money
  }
  RETURN everyOne[0..$rankK] AS ranked, size(everyOne) AS neighbours, totals, money
}
CALL (u) {
  MATCH (u)-[r]->(b:Entity)
  WHERE b.id IN $dense
  WITH b.id AS b, type(r) AS type, count(r) AS claims,
       min([CASE r.status WHEN 'documented' THEN '0' WHEN 'reported' THEN '1' WHEN 'assessment' THEN '2' WHEN 'alleged' THEN '3' WHEN 'disputed' THEN '4' ELSE '5' END + r.id, elementId(r)]) AS key
  ORDER BY key
  RETURN collect({b: b, type: type, claims: claims, key: key[0], best: key[1]}) AS groups
}
RETURN ranked, neighbours, totals, money, groups
