CALL gds.louvain.write($graph, {writeProperty: 'community'})
YIELD communityCount, modularity
RETURN communityCount AS communities, modularity
