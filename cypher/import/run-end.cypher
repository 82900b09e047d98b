// The chunked import's last transaction: the marker goes with the :Dataset
// node written, so the import is complete exactly when this commits.
MATCH (m:ImportRun {dataset: $dataset, run: $run})
DELETE m
RETURN count(*) AS ended
