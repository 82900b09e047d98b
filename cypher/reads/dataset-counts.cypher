// Nodes and claims each dataset contributed.
UNWIND $names AS name
CALL (name) { MATCH (n:Entity) WHERE name IN n.datasets RETURN count(n) AS nodes }
CALL (name) { MATCH ()-[r]->() WHERE name IN r.datasets RETURN count(r) AS claims }
RETURN name, nodes, claims
