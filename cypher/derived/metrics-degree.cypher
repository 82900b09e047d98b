CALL gds.degree.write($graph, {writeProperty: 'degree'})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
