// All shortest paths between two entities (at most $limit), through claims
// the filters let through, not passing through :Source nodes (bibliographic
// links are not ties between actors) unless $throughSources.
// Claims: $statuses, $types (null: any), not only from $hiddenDatasets, and
// with a year range ($yearFrom/$yearTo, null: open) dated inside it, or
// undated when $undated. Steps between the ends: of $kinds (null: any), not
// only from $hiddenDatasets.
// server/reads/paths.ts writes the hop bound (__HOPS__, a whole number from
// 1 to 10: Cypher needs a literal) and the direction (`-[...]-` becomes
// `-[...]->` or `<-[...]-`). Every predicate stands on one relationship or
// one node of the path, so Neo4j checks it during the breadth-first search
// (no exhaustive fallback: see the plan's ShortestPath operator).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..__HOPS__]-(b))
WHERE all(r IN relationships(p) WHERE
        ($statuses IS NULL OR r.status IN $statuses)
        AND ($types IS NULL OR type(r) IN $types)
        AND ($hiddenDatasets IS NULL OR size(coalesce(r.datasets, [])) = 0 OR any(d IN r.datasets WHERE NOT d IN $hiddenDatasets))
        AND ($yearFrom IS NULL OR CASE WHEN r.dateMax IS NULL THEN $undated ELSE toInteger(left(r.dateMax, 4)) >= $yearFrom END)
        AND ($yearTo IS NULL OR CASE WHEN r.dateMin IS NULL THEN $undated ELSE toInteger(left(r.dateMin, 4)) <= $yearTo END))
  AND all(n IN nodes(p) WHERE n = a OR n = b OR (
        ($throughSources OR NOT n:Source)
        AND ($kinds IS NULL OR n.kind IN $kinds)
        AND ($hiddenDatasets IS NULL OR size(coalesce(n.datasets, [])) = 0 OR any(d IN n.datasets WHERE NOT d IN $hiddenDatasets))))
RETURN p
LIMIT $limit
