// Unfinished imports of dataset $dataset (see run-start.cypher).
MATCH (m:ImportRun {dataset: $dataset})
RETURN m.run AS run, m.fresh AS fresh, m.pid AS pid, m.host AS host, m.startedAt AS startedAt
