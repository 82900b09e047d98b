// The :DenseIndex nodes of entities that are no longer dense (or gone).
MATCH (x:DenseIndex) WHERE NOT x.id IN $dense
DETACH DELETE x
