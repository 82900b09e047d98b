// $config: {writeProperty} and, on a big graph, samplingSize and samplingSeed.
CALL gds.betweenness.write($graph, $config)
YIELD nodePropertiesWritten, computeMillis, writeMillis
RETURN nodePropertiesWritten, computeMillis, writeMillis
