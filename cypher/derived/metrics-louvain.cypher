CALL gds.louvain.write($graph, {writeProperty: 'community'})
YIELD communityCount, modularity, computeMillis, writeMillis
RETURN communityCount AS communities, modularity, computeMillis, writeMillis
