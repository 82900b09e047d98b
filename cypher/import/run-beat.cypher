// A running chunked import says it is alive (every 15 s).
MATCH (m:ImportRun {run: $run})
SET m.heartbeat = toString(datetime())
