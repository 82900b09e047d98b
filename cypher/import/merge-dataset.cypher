// The :Dataset node. `since`: when the dataset was first imported (kept by
// re-imports and by `--replace`, which passes the old value): shared records
// order their layers by it. Nothing path-like is stored: `folder` is the
// base name of the folder or file imported, never where it is.
MERGE (d:Dataset {name: $name})
SET d.title = $title, d.description = $description, d.license = $license,
    d.importedAt = toString(datetime()), d.folder = $folder, d.formats = $formats
SET d.since = coalesce($since, d.since, d.importedAt)
