// A source's document as the dataset names it (file and SHA-256 of its normalized text).
MATCH (s:Entity {id: $id})
WHERE s:Source
RETURN s.documentFile AS file, s.documentSha256 AS sha256
