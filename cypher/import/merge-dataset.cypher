MERGE (d:Dataset {name: $name})
SET d.title = $title, d.description = $description, d.license = $license,
    d.importedAt = toString(datetime()), d.folder = $folder, d.formats = $formats
