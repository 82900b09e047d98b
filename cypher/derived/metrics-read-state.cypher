// The record of the stored metrics, if any.
MATCH (m:GraphMetrics {key: 'state'})
RETURN toString(m.computedAt) AS computedAt, m.entities AS entities, m.gdsVersion AS gdsVersion,
       m.betweennessSamples AS betweennessSamples, m.communities AS communities
