// The dense index's own lookups (idempotent).
CREATE INDEX dense_index_id IF NOT EXISTS FOR (x:DenseIndex) ON (x.id);
CREATE CONSTRAINT dense_state_key IF NOT EXISTS FOR (s:DenseState) REQUIRE s.key IS UNIQUE;
