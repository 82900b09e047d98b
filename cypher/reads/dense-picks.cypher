// The edge cap over nodes with dense members, second step: the ranking key
// and strongest claim (element id) of the dense-to-dense groups picked from
// the packed index ($picks: per dense member, the positions of its groups),
// and every group with an end among the other members ($sparse, each below
// the dense degree, so expanded): their claims to any member ($ids), and the
// dense members' ($dense) claims to them; one row per start, end and type
// with the number of claims and its strongest (key as reads/subgraph-rank).
CALL () {
  UNWIND $picks AS p
  MATCH (x:DenseIndex {id: p.id})
  WITH p, x.outKey AS ks, x.outBest AS es
  UNWIND p.at AS i
  RETURN null AS a, null AS b, null AS type, null AS claims, ks[i] AS key, es[i] AS best
  UNION ALL
  UNWIND $sparse AS sid
  MATCH (s:Entity {id: sid})
  CALL (s) {
    MATCH (s)-[r]->(o:Entity) WHERE o.id IN $ids
    RETURN r, s.id AS a, o.id AS b
    UNION ALL
    MATCH (s)<-[r]-(o:Entity) WHERE o.id IN $dense
    RETURN r, o.id AS a, s.id AS b
  }
  WITH a, b, type(r) AS type, count(r) AS claims,
       min([CASE r.status WHEN 'documented' THEN '0' WHEN 'reported' THEN '1' WHEN 'assessment' THEN '2' WHEN 'alleged' THEN '3' WHEN 'disputed' THEN '4' ELSE '5' END + r.id, elementId(r)]) AS key
  RETURN a, b, type, claims, key[0] AS key, key[1] AS best
}
RETURN a, b, type, claims, key, best
