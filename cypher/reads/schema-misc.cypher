CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS propertyKeys }
CALL () {
  OPTIONAL MATCH (d:Dataset)
  WITH d ORDER BY d.name
  RETURN collect(d {.name, .title}) AS datasets
}
RETURN entities, propertyKeys, datasets
