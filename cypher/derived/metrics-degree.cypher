CALL gds.degree.write($graph, {writeProperty: 'degree'})
YIELD nodePropertiesWritten, computeMillis, writeMillis
RETURN nodePropertiesWritten, computeMillis, writeMillis
