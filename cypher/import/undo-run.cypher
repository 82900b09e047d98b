// Undoes a chunked re-import (run $run of a dataset that was already in the
// database): deletes the claims and nodes it created, in batches. It changed
// nothing else (existing records are only written in its last transaction).
MATCH ()-[r]->() WHERE r._importRun = $run
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;

MATCH (n:Entity) WHERE n._importRun = $run
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS;

MATCH (m:ImportRun {run: $run})
DELETE m;
