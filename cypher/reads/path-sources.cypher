// The :Source nodes of the claims on found paths (their ids from the claims' sourceId).
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s
