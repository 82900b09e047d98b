// Upserts a batch of claims of one type. __TYPE__ is filled from the fixed
// vocabulary by server/neo4j/cypher.ts. The same statement as
// merge-claims.cypher with a static type, which the planner expands far more
// cheaply into dense nodes (the 1M-claim benchmark stalled with dynamic
// types); the writer uses it for full batches of one type. Endpoints were
// checked by validation; MATCH keeps a missing endpoint from ever creating a
// half-written claim (and the writer fails the transaction when `written`
// falls short). A claim this dataset alone contributed is replaced whole;
// one shared with another dataset only gains this dataset's non-empty fields.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH r, row, coalesce(r.datasets, []) AS ds
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [1] ELSE [] END | SET r = row.props)
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [] ELSE [1] END | SET r += row.merge)
SET r.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
RETURN count(r) AS written
