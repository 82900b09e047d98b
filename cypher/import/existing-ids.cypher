// Which of the given ids already exist in the database (for datasets that
// reference entities another dataset brought). With $without set (an import
// that replaces that dataset), nodes the removal would delete do not count.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $without IS NULL OR n.datasets IS NULL OR n.datasets <> [$without]
   OR EXISTS { MATCH (n)-[r]-() WHERE r.datasets IS NULL OR r.datasets <> [$without] }
RETURN n.id AS id
