// The order datasets were first imported in (`since`; before it existed,
// their last import): a shared record's layers follow it, earliest first.
MATCH (d:Dataset)
RETURN d.name AS name, coalesce(d.since, d.importedAt, '') AS since
ORDER BY since, name
