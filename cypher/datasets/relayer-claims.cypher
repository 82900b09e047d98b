// Removing a dataset: writes a shared claim's properties composed from its remaining layers.
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r = row.props
