// The ids of every source behind a claim in the database.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.sourceId IS NOT NULL
RETURN DISTINCT r.sourceId AS id
