// Nodes by element id: the endpoints of relationships a query returned
// without their nodes.
UNWIND $ids AS eid
MATCH (n)
WHERE elementId(n) = eid
RETURN n
