// Every unfinished chunked import (see run-start.cypher), with how long it has
// been silent by the database's clock; and runs whose nodes lost their marker.
CALL () {
  MATCH (m:ImportRun)
  RETURN m.run AS run, m.dataset AS dataset, m.startedAt AS startedAt,
         duration.inSeconds(datetime(coalesce(m.heartbeat, m.startedAt)), datetime()).seconds AS silentFor
  UNION
  MATCH (n:ImportingEntity)
  WHERE NOT EXISTS { MATCH (:ImportRun {run: n._importRun}) }
  WITH n._importRun AS run, head(collect(n.datasets[0])) AS dataset
  RETURN run, dataset, null AS startedAt, null AS silentFor
}
RETURN run, dataset, startedAt, silentFor
