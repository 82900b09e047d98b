// Chunked import: creates a batch of claims of one type between two nodes
// this very import created (new-entities.cypher), so they cannot exist yet: a
// pure CREATE, invisible like their endpoints until the import is published.
// Claims that touch an entity already in the database wait for the last
// transaction (check-claims-typed.cypher). MATCH keeps a missing endpoint from
// creating a half-written claim; the writer fails when `written` falls short.
// __TYPE__ is filled from the fixed vocabulary.
UNWIND $rows AS row
MATCH (a:ImportingEntity {id: row.from})
MATCH (b:ImportingEntity {id: row.to})
WITH row, a, b WHERE a._importRun = $run AND b._importRun = $run
CREATE (a)-[c:__TYPE__]->(b)
SET c = row.props
RETURN count(*) AS written
