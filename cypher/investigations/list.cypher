// Saved views, newest change first, without their documents.
MATCH (v:SavedView)
RETURN v {.savedViewId, .savedViewName, .savedViewTitle, .savedViewCreatedAt, .savedViewUpdatedAt, .savedViewBytes, .savedViewDatasets, .savedViewNotes, .savedViewSteps} AS view
ORDER BY v.savedViewUpdatedAt DESC, v.savedViewId
LIMIT $limit
