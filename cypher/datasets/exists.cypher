// Whether anything in the database comes from dataset $name.
RETURN EXISTS { MATCH (d:Dataset {name: $name}) } OR EXISTS { MATCH (n:Entity) WHERE $name IN n.datasets } AS present
