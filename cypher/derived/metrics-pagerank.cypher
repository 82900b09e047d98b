CALL gds.pageRank.write($graph, {writeProperty: 'pagerank'})
YIELD nodePropertiesWritten, ranIterations, computeMillis, writeMillis
RETURN nodePropertiesWritten, ranIterations, computeMillis, writeMillis
