// Chunked import: creates the claims of a batch of one type that are not in
// the database yet; existing ones are left alone ('same') or returned in
// `deferred` for the import's last transaction (merge-claims-typed.cypher),
// as in create-entities.cypher. __TYPE__ is filled from the fixed vocabulary.
// Endpoints were checked by validation; MATCH keeps a missing one from ever
// creating a half-written claim (the writer fails when `written` falls short).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH row, a, b, r, coalesce(r.datasets, []) AS ds
WITH row, a, b, CASE
    WHEN r IS NULL THEN 'create'
    WHEN ds = [$dataset] AND properties(r) = row.props THEN 'same'
    WHEN $dataset IN ds AND ds <> [$dataset] AND all(k IN keys(row.merge) WHERE r[k] = row.merge[k]) THEN 'same'
    ELSE 'defer'
  END AS action
FOREACH (_ IN CASE WHEN action = 'create' THEN [1] ELSE [] END |
  CREATE (a)-[c:__TYPE__]->(b)
  SET c = row.props, c._importRun = $run)
RETURN count(DISTINCT row.id) AS written, collect(DISTINCT CASE WHEN action = 'defer' THEN row.id END) AS deferred
