// Upserts a batch of claims of one relationship type (__TYPE__, from the
// fixed vocabulary). Endpoints were checked by validation; MATCH keeps a
// missing endpoint from ever creating a half-written claim (and the writer
// fails the transaction when `written` falls short). Like nodes, a claim
// that belongs to this dataset alone is replaced whole; one shared with
// another dataset only gains this dataset's non-empty fields. `datasets`
// records every contributor.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH r, row, coalesce(r.datasets, []) AS ds
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [1] ELSE [] END | SET r = row.props)
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [] ELSE [1] END | SET r += row.merge)
SET r.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
RETURN count(r) AS written
