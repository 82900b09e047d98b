// Chunked import: creates a batch of claims of one type that cannot be in
// the database yet, because one of their endpoints was created by this very
// import (new-entities.cypher): a pure CREATE, without the existence check
// of create-claims-typed.cypher (no Eager, only `props` on the wire). MATCH
// keeps a missing endpoint from creating a half-written claim; the writer
// fails when `written` falls short. __TYPE__ is filled from the fixed vocabulary.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[c:__TYPE__]->(b)
SET c = row.props, c._importRun = $run
RETURN count(*) AS written
