// The entities of an investigation that still exist, as they are now.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n
