// Endpoint nodes of relationships that a /api/cypher query returned without
// them, so every edge of the response graph has both of its nodes.
MATCH (n)
WHERE elementId(n) IN $ids
RETURN n
