// Undoes a chunked import (run $run) that did not finish: deletes what its
// chunks created (nodes still :ImportingEntity, and the claims between them),
// in batches. It changed nothing else: every record that was already in the
// database is written only in its last transaction.
MATCH (n:ImportingEntity {_importRun: $run})-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;

MATCH (n:ImportingEntity {_importRun: $run})
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;

MATCH (m:ImportRun {run: $run})
DELETE m;
