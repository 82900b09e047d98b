// Where the quotes found in a source's document are: every claim whose
// quote verification found in it (its own source's, or the one restating
// it), with the stored offsets (server/provenance/verify-claim.ts).
MATCH ()-[r]->()
WHERE coalesce(r.verificationSource, r.sourceId) = $id AND r.quoteStart IS NOT NULL
RETURN coalesce(r.id, 'element:' + elementId(r)) AS id, r.verification AS verification,
       r.quoteStart AS quoteStart, r.quoteEnd AS quoteEnd,
       r.quotePieceStarts AS quotePieceStarts, r.quotePieceEnds AS quotePieceEnds,
       r.verificationSha256 AS verificationSha256
ORDER BY r.quoteStart
LIMIT $limit
