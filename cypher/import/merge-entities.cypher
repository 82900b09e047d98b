// Upserts a batch of entities (or sources) of one kind. __LABEL__ is filled
// from the fixed kind list. `datasets` records every contributor.
// - A node this dataset alone contributed (or a new one) is replaced whole,
//   so removed fields disappear, and takes this kind.
// - A node shared with another dataset (the same id in two datasets) keeps
//   its name and kind; it gains this dataset's non-empty fields
//   (`row.merge`), and this dataset's name and aliases as aliases.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, coalesce(n.datasets, []) AS ds
WITH n, row, ds, (ds = [] OR ds = [$dataset]) AS own
FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END |
  SET n = row.props
  REMOVE n:Person:Organization:Event:Place:Concept:Source
  SET n:__LABEL__)
FOREACH (_ IN CASE WHEN own THEN [] ELSE [1] END |
  SET n += row.merge
  SET n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.names | CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END))
SET n.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
