// The degree the dense index was last computed with, if any.
OPTIONAL MATCH (s:DenseState {key: 'state'})
RETURN s.degree AS degree
