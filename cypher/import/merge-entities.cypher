// Upserts a batch of entities and sources. `row.label` is the kind label,
// taken from the fixed kind list by the writer (Cypher 5.26 dynamic labels
// keep this one compiled statement for every kind). `datasets` records every
// contributor.
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
  SET n:$(row.label))
FOREACH (_ IN CASE WHEN own THEN [] ELSE [1] END |
  SET n += row.merge
  SET n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.names | CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END))
SET n.datasets = CASE WHEN $dataset IN ds THEN ds ELSE ds + $dataset END
