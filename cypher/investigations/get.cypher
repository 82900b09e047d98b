// One saved view, with its document.
MATCH (v:SavedView {savedViewId: $id})
RETURN v {.*} AS view
