// A chunked import's last transaction, first: what its chunks created becomes
// visible: :Entity with its kind label ($labels: kind -> label, from the
// fixed list), the run's tag gone. The uniqueness of ids on :Entity is checked
// here (another import may have created one of the ids meanwhile: then the
// transaction fails, and the chunks are undone).
MATCH (n:ImportingEntity {_importRun: $run})
REMOVE n:ImportingEntity, n._importRun
SET n:Entity
SET n:$($labels[n.kind])
