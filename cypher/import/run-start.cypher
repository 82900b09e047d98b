// A chunked import's marker, committed before its first chunk and deleted in
// its last transaction (with the :Dataset node written): while it exists, the
// dataset is incomplete. `fresh`: the dataset was not in the database, so
// undoing means removing it; else undoing deletes what carries `_importRun`.
CREATE (m:ImportRun {dataset: $dataset, run: $run, fresh: $fresh, pid: $pid, host: $host, startedAt: toString(datetime())})
