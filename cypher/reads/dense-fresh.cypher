// Whether the dense index (server/import/derived/dense.ts) is usable: marked
// valid, at the entity and relationship counts the graph has now (both from
// the count store). With the index of $id, when it has one (its first $keep
// ranked neighbours, and what the hop's left-out summary needs).
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL MATCH (s:DenseState {key: 'state'})
WITH coalesce(s.valid = true AND s.entities = entities AND s.relationships = relationships, false) AS fresh
OPTIONAL MATCH (x:DenseIndex {id: $id})
WITH fresh, x, reduce(n = 0, c IN x.rankTypeCount[0..$room] | n + c) AS typeRows, reduce(n = 0, c IN x.rankMoneyCount[0..$room] | n + c) AS moneyRows
RETURN fresh,
       CASE WHEN fresh AND x IS NOT NULL THEN x {
         .neighbours, rankIds: x.rankIds[0..$keep], rankTypeCount: x.rankTypeCount[0..$room],
         rankTypes: x.rankTypes[0..typeRows], rankTypeClaims: x.rankTypeClaims[0..typeRows],
         rankMoneyCount: x.rankMoneyCount[0..$room], rankMoneyTypes: x.rankMoneyTypes[0..moneyRows],
         rankMoneyCurrencies: x.rankMoneyCurrencies[0..moneyRows], rankMoneyTotals: x.rankMoneyTotals[0..moneyRows],
         .totalTypes, .totalClaims, .totalNodes, .moneyTypes, .moneyCurrencies, .moneyTotals
       } END AS index
