// Upserts a batch of entities and sources. `row.label` is the kind label,
// taken from the fixed kind list by the writer (Cypher 5.26 dynamic labels
// keep this one compiled statement for every kind).
// - A new node, or one this dataset alone wrote, is replaced whole (removed
//   fields disappear) and takes this kind.
// - A node another dataset wrote too is left alone here and returned in
//   `layered`: the writer adds this dataset's values as a layer of their own
//   (server/import/write/layering.ts, layer-entities.cypher), so that no
//   dataset overwrites another's values.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, coalesce(n.datasets, []) AS ds
WITH n, row, (ds = [] OR ds = [$dataset]) AS own
FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END |
  SET n = row.props
  REMOVE n:Person:Organization:Event:Place:Concept:Source
  SET n:$(row.label))
RETURN collect(CASE WHEN NOT own THEN row.id END) AS layered
