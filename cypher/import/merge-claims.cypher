// Upserts a batch of claims of one relationship type (__TYPE__, from the
// fixed vocabulary). Endpoints were checked by validation; MATCH keeps a
// missing endpoint from ever creating a half-written claim.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH r, row, coalesce(r.datasets, []) AS ds
SET r = row.props
SET r.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
RETURN count(r) AS written
