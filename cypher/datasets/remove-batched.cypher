// remove.cypher in batches of 10,000 rows, each committed (auto-commit
// statements, server/import/replace.ts): for removing a large dataset, and
// for undoing a failed chunked import, within the server's default
// transaction memory. The :Dataset node and any unfinished-import marker go
// last, so an interrupted removal still shows the dataset and can be re-run.

// 1. Claims this dataset alone contributed.
MATCH ()-[r]->() WHERE r.datasets = [$name]
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;

// 2. Claims other datasets also contributed lose the name and stay.
MATCH ()-[r]->() WHERE $name IN r.datasets
CALL (r) { SET r.datasets = [d IN r.datasets WHERE d <> $name] } IN TRANSACTIONS OF 10000 ROWS;

// 3. Nodes this dataset alone contributed that no claim uses any more.
MATCH (n:Entity) WHERE n.datasets = [$name] AND NOT (n)--()
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS;

// 4. Nodes this dataset alone contributed that other datasets' claims still use.
MATCH (n:Entity) WHERE n.datasets = [$name]
CALL (n) { SET n.datasets = COLLECT { MATCH (n)-[r]-() UNWIND coalesce(r.datasets, []) AS d RETURN DISTINCT d ORDER BY d } } IN TRANSACTIONS OF 10000 ROWS;

// 5. Nodes other datasets also contributed lose the name and stay.
MATCH (n:Entity) WHERE $name IN n.datasets
CALL (n) { SET n.datasets = [d IN n.datasets WHERE d <> $name] } IN TRANSACTIONS OF 10000 ROWS;

// 6. The dataset's bookkeeping node, and the marker of an unfinished import.
MATCH (d:Dataset {name: $name})
DELETE d;

MATCH (m:ImportRun {dataset: $name})
DELETE m;
