// Chunked import: of a batch of entities and sources already in the
// database, those this dataset would change (`deferred`: written by
// merge-entities.cypher in the import's last transaction, so that the chunks
// change nothing that is visible). A node exactly as this dataset alone
// would leave it is left alone. Read only.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH row, n, coalesce(n.datasets, []) AS ds
WHERE NOT (ds = [$dataset] AND properties(n) = row.props AND row.label IN labels(n))
RETURN collect(row.id) AS deferred
