// Bulk import: the indexes and the constraints of the database, in two
// statements. A new store keeps only the token lookup indexes and what
// cypher/schema.cypher creates after the load; anything else would be lost,
// so the bulk strategy refuses a database that has it.
SHOW INDEXES YIELD name, type
RETURN name, type;

SHOW CONSTRAINTS YIELD name, type
RETURN name, type;
