// Chunked import (server/import/write.ts): creates the entities and sources
// of a batch that are not in the database yet, and leaves every existing
// node untouched until the import's last transaction, so that undoing a
// failed chunked import (deleting what it created) restores the database
// exactly. Per row:
// - absent: created, as merge-entities.cypher would write it; tagged with
//   `_importRun` when $run is set (a re-import: see undo-run.cypher);
// - present and already exactly what this dataset would leave: nothing to do;
// - present otherwise: returned in `deferred`, written by merge-entities.cypher
//   in the last transaction.
UNWIND $rows AS row
OPTIONAL MATCH (n:Entity {id: row.id})
WITH row, n, coalesce(n.datasets, []) AS ds
WITH row, CASE
    WHEN n IS NULL THEN 'create'
    WHEN ds = [$dataset] AND properties(n) = row.props AND row.label IN labels(n) THEN 'same'
    WHEN $dataset IN ds AND ds <> [$dataset]
         AND all(k IN keys(row.merge) WHERE n[k] = row.merge[k])
         AND all(a IN row.names WHERE a = n.name OR a IN coalesce(n.aliases, [])) THEN 'same'
    ELSE 'defer'
  END AS action
FOREACH (_ IN CASE WHEN action = 'create' THEN [1] ELSE [] END |
  CREATE (m:Entity)
  SET m = row.props, m._importRun = $run
  SET m:$(row.label))
RETURN count(*) AS written, collect(CASE WHEN action = 'defer' THEN row.id END) AS deferred
