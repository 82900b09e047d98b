// Claims per relationship type of the given entities (every claim, any
// direction, no filter), from Neo4j's degree counts: getDegree is O(1) per
// type for a dense node, nothing is expanded. A type given as a parameter
// would expand, so the line marked `per type` is repeated in
// server/reads/neighborhood.ts once per type of the fixed vocabulary
// (withType), and the claims come back as one list of {type, claims}.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})
RETURN [
  {type: '__TYPE__', claims: sum(COUNT { (a)-[:__TYPE__]-() })} // per type
] AS degrees
