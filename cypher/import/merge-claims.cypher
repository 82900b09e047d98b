// Upserts a batch of claims. `row.type` comes from the fixed vocabulary
// (validated); a dynamic type keeps one compiled statement for all types,
// and the plan still seeks both endpoints by index and expands into. Endpoints were checked by validation; MATCH keeps a
// missing endpoint from ever creating a half-written claim (and the writer
// fails the transaction when `written` falls short). Like nodes, a claim
// that belongs to this dataset alone is replaced whole; one shared with
// another dataset only gains this dataset's non-empty fields. `datasets`
// records every contributor.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
WITH r, row, coalesce(r.datasets, []) AS ds
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [1] ELSE [] END | SET r = row.props)
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [] ELSE [1] END | SET r += row.merge)
SET r.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
RETURN count(r) AS written
