// All shortest paths between two entities, through claims at least as strong
// as the allowed statuses, not passing through :Source nodes (bibliographic
// links are not ties between actors) unless $throughSources.
// Cypher needs a literal bound on the length: 10; $maxHops trims below it.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE all(r IN relationships(p) WHERE $statuses IS NULL OR r.status IN $statuses)
  AND ($throughSources OR none(n IN nodes(p)[1..-1] WHERE n:Source))
  AND length(p) <= $maxHops
RETURN p
LIMIT 100
