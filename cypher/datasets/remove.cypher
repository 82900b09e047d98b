// Removes what one dataset ($name) contributed, and only that. Run statement
// by statement inside one write transaction (server/import/replace.ts), in
// this order; each is a no-op when the dataset is not there.

// 1. Claims this dataset alone contributed.
MATCH ()-[r]->() WHERE r.datasets = [$name]
DELETE r;

// 2. Claims other datasets also contributed lose the name and stay.
MATCH ()-[r]->() WHERE $name IN r.datasets
SET r.datasets = [d IN r.datasets WHERE d <> $name];

// 3. Nodes this dataset alone contributed that no claim uses any more.
MATCH (n:Entity) WHERE n.datasets = [$name] AND NOT (n)--()
DELETE n;

// 4. Nodes this dataset alone contributed that other datasets' claims still
//    use: they now belong to those datasets (nothing of theirs is detached).
MATCH (n:Entity) WHERE n.datasets = [$name]
SET n.datasets = COLLECT { MATCH (n)-[r]-() UNWIND coalesce(r.datasets, []) AS d RETURN DISTINCT d ORDER BY d };

// 5. Nodes other datasets also contributed lose the name and stay.
MATCH (n:Entity) WHERE $name IN n.datasets
SET n.datasets = [d IN n.datasets WHERE d <> $name];

// 6. The dataset's bookkeeping node.
MATCH (d:Dataset {name: $name})
DELETE d;

// 7. The marker of an unfinished chunked import of the dataset, if any.
MATCH (m:ImportRun {dataset: $name})
DELETE m;
