// After a chunked re-import committed: drops the `_importRun` tag from what it created, in batches.
MATCH ()-[r]->() WHERE r._importRun = $run
CALL (r) { REMOVE r._importRun } IN TRANSACTIONS OF 10000 ROWS;

MATCH (n:Entity) WHERE n._importRun = $run
CALL (n) { REMOVE n._importRun } IN TRANSACTIONS OF 10000 ROWS;
