// One claim by id, with the source whose document its quote was checked
// against. Through its subject ($from) when given (the :Entity(id) index),
// else by a scan of the relationships.
CALL () {
  MATCH (a:Entity {id: $from})-[r]->()
  WHERE $from IS NOT NULL AND r.id = $id
  RETURN r
  UNION
  MATCH ()-[r]->()
  WHERE $from IS NULL AND r.id = $id
  RETURN r
}
WITH r LIMIT 1
OPTIONAL MATCH (s:Entity {id: coalesce(r.verificationSource, r.sourceId)})
WHERE s:Source
RETURN r.id AS id, coalesce(r.verification, 'no-document') AS verification,
       r.quoteStart AS quoteStart, r.quoteEnd AS quoteEnd,
       r.quotePieceStarts AS quotePieceStarts, r.quotePieceEnds AS quotePieceEnds,
       r.verificationSha256 AS verificationSha256,
       coalesce(r.verificationSource, r.sourceId) AS sourceId, s.name AS sourceName, s.documentFile AS documentFile
