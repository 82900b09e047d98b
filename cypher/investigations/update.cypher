// A saved view's new document (and name, when given).
MATCH (v:SavedView {savedViewId: $id})
SET v.savedViewName = coalesce($name, v.savedViewName),
    v.savedViewTitle = $title,
    v.savedViewDocument = $document,
    v.savedViewUpdatedAt = $now,
    v.savedViewBytes = $bytes,
    v.savedViewDatasets = $datasets,
    v.savedViewNotes = $notes,
    v.savedViewSteps = $steps
RETURN v {.*} AS view
