// The state of the dense index: the degree that makes an entity dense, and
// the counts of entities and relationships it was computed at (the reads use
// it only while both still match, server/reads/dense.ts); `valid` is false
// while it is being recomputed.
MERGE (s:DenseState {key: 'state'})
SET s.degree = $degree, s.valid = $valid, s.entities = $entities, s.relationships = $relationships,
    s.rankK = $rankK, s.refreshedAt = datetime()
