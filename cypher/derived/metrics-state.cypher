// When and over what the stored metrics were computed (server/import/derived/metrics.ts).
MERGE (m:GraphMetrics {key: 'state'})
SET m.computedAt = datetime(), m.gdsVersion = $version, m.entities = $entities, m.relationships = $relationships,
    m.betweennessSamples = $samples, m.communities = $communities, m.ms = $ms
