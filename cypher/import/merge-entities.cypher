// Upserts a batch of entities (or sources) of one kind. __LABEL__ is filled
// from the fixed kind list. A node that belongs to this dataset alone is
// replaced whole (so removed fields disappear); one shared with another
// dataset only gains properties. `datasets` records every contributor.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, coalesce(n.datasets, []) AS ds
FOREACH (_ IN CASE WHEN ds = [] OR ds = [$dataset] THEN [1] ELSE [] END | SET n = row.props)
SET n += row.props
SET n.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
REMOVE n:Person:Organization:Event:Place:Concept:Source
SET n:__LABEL__
