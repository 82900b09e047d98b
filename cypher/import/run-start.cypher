// A chunked import's marker, committed before its first chunk and deleted in
// its last transaction (with the :Dataset node written): while it exists, the
// dataset is incomplete. It says nothing about where the import runs (no host,
// no pid: anyone with ad-hoc Cypher reads it); the importer updates
// `heartbeat` while it runs (run-beat.cypher), and keeps its process id in a
// local file (server/import/write/import-run.ts).
CREATE (m:ImportRun {dataset: $dataset, run: $run, startedAt: toString(datetime()), heartbeat: toString(datetime())})
