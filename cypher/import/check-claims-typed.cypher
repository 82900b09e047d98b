// Chunked import: of a batch of claims of one type between two entities
// already in the database, those this dataset would create or change
// (`deferred`: written by merge-claims-typed.cypher in the import's last
// transaction). A claim exactly as this dataset alone would leave it is left
// alone. Read only. __TYPE__ is filled from the fixed vocabulary.
UNWIND $rows AS row
OPTIONAL MATCH (:Entity {id: row.from})-[r:__TYPE__ {id: row.id}]->(:Entity {id: row.to})
WITH row, r
WHERE r IS NULL OR NOT (r.datasets = [$dataset] AND properties(r) = row.props)
RETURN collect(DISTINCT row.id) AS deferred
