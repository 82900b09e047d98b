// A source (an :Entity:Source) and the claims that cite it: those whose
// source it is (sourceId) and those it restates (citedIn), at most
// $claimLimit, each with the source the claim names and its two ends.
// (No index holds relationship properties across types: the claims are
// found by one scan of the relationships.)
MATCH (s:Entity {id: $id})
WHERE s:Source
CALL (s) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.sourceId = s.id OR r.citedIn = s.id
  WITH a, r, b ORDER BY type(r), r.dateMin, r.id
  LIMIT $claimLimit
  OPTIONAL MATCH (own:Entity {id: r.sourceId}) WHERE own:Source
  RETURN collect({r: r, from: a, to: b, source: own}) AS claims
}
CALL (s) {
  MATCH ()-[r]->()
  WHERE r.sourceId = s.id OR r.citedIn = s.id
  RETURN count(r) AS claimCount
}
CALL (s) {
  MATCH ()-[r]->()
  WHERE coalesce(r.verificationSource, r.sourceId) = s.id AND r.quoteStart IS NOT NULL
  RETURN count(r) AS passages
}
RETURN s, claims, claimCount, passages
