// Full-text search over name, aliases and description (index entity_search,
// accent-folding analyzer). $lucene is built from the user's text by
// server/reads/search.ts with every Lucene special character removed; the
// candidates are ranked there (an exact name or alias first), so all of them
// come back, in Lucene's order.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $candidates})
YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node.id AS id, node.name AS name, node.kind AS kind, coalesce(node.aliases, []) AS aliases,
       node.description AS description, score
ORDER BY score DESC
