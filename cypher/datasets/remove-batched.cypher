// remove.cypher in batches of 10,000 rows, each committed (auto-commit
// statements, server/import/replace.ts): for removing a large dataset within
// the server's default transaction memory. The :Dataset node and any
// unfinished-import marker go last, so an interrupted removal still shows
// the dataset and can be re-run.

// 1. Claims this dataset alone contributed.
MATCH ()-[r]->() WHERE r.datasets = [$name]
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;

// 2. Claims other datasets also contributed, written before layers: they lose the name.
MATCH ()-[r]->() WHERE $name IN r.datasets AND r._layers IS NULL
CALL (r) { SET r.datasets = [d IN r.datasets WHERE d <> $name] } IN TRANSACTIONS OF 10000 ROWS;

// 3. Nodes this dataset alone contributed that no claim uses any more.
MATCH (n:Entity) WHERE n.datasets = [$name] AND NOT (n)--()
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS;

// 4. Nodes this dataset alone contributed that other datasets' claims still use.
MATCH (n:Entity) WHERE n.datasets = [$name]
CALL (n) { SET n.datasets = COLLECT { MATCH (n)-[r]-() UNWIND coalesce(r.datasets, []) AS d RETURN DISTINCT d ORDER BY d } } IN TRANSACTIONS OF 10000 ROWS;

// 5. Nodes other datasets also contributed, written before layers: they lose the name.
MATCH (n:Entity) WHERE $name IN n.datasets AND n._layers IS NULL
CALL (n) { SET n.datasets = [d IN n.datasets WHERE d <> $name] } IN TRANSACTIONS OF 10000 ROWS;

// 6. The dataset's bookkeeping node.
MATCH (d:Dataset {name: $name})
DELETE d;

// 7. An unfinished chunked import of it: its claims, its nodes (not yet :Entity), its marker.
MATCH (m:ImportRun {dataset: $name})
MATCH (n:ImportingEntity {_importRun: m.run})-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;

MATCH (m:ImportRun {dataset: $name})
MATCH (n:ImportingEntity {_importRun: m.run})
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;

MATCH (m:ImportRun {dataset: $name})
DELETE m;
