// The two in-memory projections of every :Entity and every claim, parallel
// claims folded into one edge (aggregation SINGLE, as the client's
// projection): directed for PageRank, undirected for the others.
CALL gds.graph.project($directed, 'Entity', {CLAIM: {type: '*', orientation: 'NATURAL', aggregation: 'SINGLE'}})
YIELD nodeCount
CALL gds.graph.project($undirected, 'Entity', {CLAIM: {type: '*', orientation: 'UNDIRECTED', aggregation: 'SINGLE'}})
YIELD nodeCount AS nodes, relationshipCount
RETURN nodes, relationshipCount / 2 AS relationships
