// The :DenseIndex nodes of a batch of dense entities (one per entity, keyed
// by its id; not :Entity, no relationship: no read of the graph sees them),
// replaced whole.
UNWIND $rows AS row
MERGE (x:DenseIndex {id: row.id})
SET x = row.props, x.id = row.id
