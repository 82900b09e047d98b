// Removes what one dataset ($name) contributed, and only that. Run statement
// by statement inside one write transaction (server/import/replace.ts), in
// this order, after the shared records holding a layer of it were rewritten
// from their other layers (server/import/write/layering.ts); each is a no-op
// when the dataset is not there.

// 1. Claims this dataset alone contributed.
MATCH ()-[r]->() WHERE r.datasets = [$name]
DELETE r;

// 2. Claims other datasets also contributed, written before datasets were
//    layers (no `_layers`): they lose the name.
MATCH ()-[r]->() WHERE $name IN r.datasets AND r._layers IS NULL
SET r.datasets = [d IN r.datasets WHERE d <> $name];

// 3. Nodes this dataset alone contributed that no claim uses any more.
MATCH (n:Entity) WHERE n.datasets = [$name] AND NOT (n)--()
DELETE n;

// 4. Nodes this dataset alone contributed that other datasets' claims still
//    use: they now belong to those datasets (nothing of theirs is detached).
MATCH (n:Entity) WHERE n.datasets = [$name]
SET n.datasets = COLLECT { MATCH (n)-[r]-() UNWIND coalesce(r.datasets, []) AS d RETURN DISTINCT d ORDER BY d };

// 5. Nodes other datasets also contributed, written before datasets were
//    layers: they lose the name.
MATCH (n:Entity) WHERE $name IN n.datasets AND n._layers IS NULL
SET n.datasets = [d IN n.datasets WHERE d <> $name];

// 6. The dataset's bookkeeping node.
MATCH (d:Dataset {name: $name})
DELETE d;

// 7. An unfinished chunked import of the dataset: what its chunks wrote
//    (nodes not yet :Entity, with their claims), then its marker.
MATCH (m:ImportRun {dataset: $name})
MATCH (n:ImportingEntity {_importRun: m.run})
DETACH DELETE n;

MATCH (m:ImportRun {dataset: $name})
DELETE m;
