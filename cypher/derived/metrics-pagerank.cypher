CALL gds.pageRank.write($graph, {writeProperty: 'pagerank'})
YIELD nodePropertiesWritten, ranIterations
RETURN nodePropertiesWritten, ranIterations
