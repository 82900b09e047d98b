// Nodes and claims each dataset contributed, and its claims by verification
// outcome (server/provenance; a claim imported before verification existed
// has none and counts as `no-document`: it was never checked).
UNWIND $names AS name
CALL (name) { MATCH (n:Entity) WHERE name IN n.datasets RETURN count(n) AS nodes }
CALL (name) {
  MATCH ()-[r]->() WHERE name IN r.datasets
  WITH coalesce(r.verification, 'no-document') AS outcome, count(*) AS n
  RETURN sum(n) AS claims, collect({outcome: outcome, count: n}) AS verification
}
RETURN name, nodes, claims, verification
