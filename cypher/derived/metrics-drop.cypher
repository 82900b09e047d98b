// Drops a projection if it exists (no error when it does not).
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
