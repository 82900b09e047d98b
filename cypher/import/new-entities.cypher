// Chunked import: creates a batch of entities and sources that present-ids.cypher
// found absent, as :ImportingEntity nodes tagged with the run: not :Entity and
// without their kind label yet, so that no read (they all match :Entity or a
// kind label), no index of entities and no search sees them until the
// import's last transaction publishes them (publish-run.cypher). A pure
// CREATE (no read of the nodes it writes: no Eager in the plan, only `props`
// on the wire).
UNWIND $rows AS row
CREATE (m:ImportingEntity)
SET m = row.props, m._importRun = $run
