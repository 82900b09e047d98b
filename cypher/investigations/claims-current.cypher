// The current form of claims an investigation rests on, each found from the
// entity it starts at (the unique id index, then its relationships), and the
// source each cites. A claim that no longer starts there is not returned.
UNWIND $claims AS c
MATCH (a:Entity {id: c.from})-[r]->(b:Entity)
WHERE r.id = c.id
OPTIONAL MATCH (s:Entity {id: r.sourceId})
RETURN r, a.id AS source, b.id AS target, s
