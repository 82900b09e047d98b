// Which of the given ids already exist in the database (for datasets that
// reference entities another dataset brought).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
