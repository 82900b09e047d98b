// Full-text search over name, aliases and description (index entity_search,
// accent-folding analyzer). $lucene is built from the user's text by
// server/reads/search.ts with every Lucene special character escaped.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $candidates})
YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node.id AS id, node.name AS name, node.kind AS kind, coalesce(node.aliases, []) AS aliases, score
ORDER BY score DESC
LIMIT $limit
