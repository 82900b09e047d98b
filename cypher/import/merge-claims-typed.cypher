// Upserts a batch of claims of one type. __TYPE__ is filled from the fixed
// vocabulary by server/neo4j/cypher.ts (a static type lets the planner expand
// only that type's relationships into dense nodes; the 1M-claim benchmark
// stalled with dynamic types). Endpoints were checked by validation; MATCH
// keeps a missing endpoint from ever creating a half-written claim (and the
// writer fails the transaction when `written` falls short). A new claim, or
// one this dataset alone wrote, is replaced whole; one another dataset wrote
// too (the same id, type and endpoints) is returned in `layered`: the writer
// adds this dataset's values as a layer (layer-claims-typed.cypher).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
WITH r, row, coalesce(r.datasets, []) AS ds
WITH r, row, (ds = [] OR ds = [$dataset]) AS own
FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END | SET r = row.props)
RETURN count(r) AS written, collect(CASE WHEN NOT own THEN row.id END) AS layered
