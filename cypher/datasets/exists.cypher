// Whether anything in the database comes from dataset $name (or an unfinished import of it).
RETURN EXISTS { MATCH (d:Dataset {name: $name}) } OR EXISTS { MATCH (m:ImportRun {dataset: $name}) }
    OR EXISTS { MATCH (n:Entity) WHERE $name IN n.datasets } AS present
