// Schema for claimgraph. Run statement by statement (split on ';' at line end)
// before every import; each is idempotent (IF NOT EXISTS).

// Every node is an :Entity with a unique, stable id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_datasets IF NOT EXISTS FOR (n:Entity) ON (n.datasets);

// Search over names, every alias and descriptions; 'standard-folding' folds
// accents so "Mojahedin" and "Mojāhedin" match.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };

// Dataset bookkeeping (one node per imported dataset).
CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE;

// The id of each kind label, for queries anchored on a kind (`MATCH (p:Person {id: $id})`,
// what users write in the Cypher panel): without these, such an anchor scans the label
// (measured at 1M claims: 652 ms against 243 ms anchored on :Entity). The uniqueness of
// ids stays on :Entity; these are plain range indexes.
CREATE INDEX person_id IF NOT EXISTS FOR (n:Person) ON (n.id);
CREATE INDEX organization_id IF NOT EXISTS FOR (n:Organization) ON (n.id);
CREATE INDEX event_id IF NOT EXISTS FOR (n:Event) ON (n.id);
CREATE INDEX place_id IF NOT EXISTS FOR (n:Place) ON (n.id);
CREATE INDEX concept_id IF NOT EXISTS FOR (n:Concept) ON (n.id);
CREATE INDEX source_id IF NOT EXISTS FOR (n:Source) ON (n.id);

// A chunked import's nodes before its last transaction publishes them
// (cypher/import/new-entities.cypher): its claims find their endpoints by id.
CREATE INDEX importing_entity_id IF NOT EXISTS FOR (n:ImportingEntity) ON (n.id);
